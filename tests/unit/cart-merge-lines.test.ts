// The merge arithmetic of diagram 5 as a table: overlap, clamps, empty sides, unavailable variants.
import { describe, expect, it } from 'vitest';
import { mergeCartLines } from '@/lib/cart/merge-cart-lines';
import type { CartNotice, CartQuantities } from '@/lib/cart/types';

const variant = (available: number, maxPerOrder = 10, purchasable = true) => ({
  available,
  maxPerOrder,
  purchasable,
  productTitle: 'Adire Shirt',
  variantTitle: 'M',
});

const limits = new Map([
  ['plenty', variant(100)],
  ['five-left', variant(5)],
  ['max-six', variant(100, 6)],
  ['sold-out', variant(0)],
  ['archived', variant(20, 10, false)],
  ['reserved-away', variant(-2)], // reserved above on hand cannot happen (CHECK), but must not become a negative line
]);

interface Row {
  name: string;
  user: CartQuantities;
  guest: CartQuantities;
  merged: CartQuantities;
  notices: CartNotice[];
}

const title = 'Adire Shirt (M)';

const table: Row[] = [
  { name: 'adds quantities of a variant in both carts', user: { plenty: 2 }, guest: { plenty: 3 }, merged: { plenty: 5 }, notices: [] },
  {
    name: 'keeps lines only one side has',
    user: { plenty: 1 },
    guest: { 'max-six': 2 },
    merged: { plenty: 1, 'max-six': 2 },
    notices: [],
  },
  {
    name: 'clamps the sum to availability, with a notice',
    user: { 'five-left': 4 },
    guest: { 'five-left': 3 },
    merged: { 'five-left': 5 },
    notices: [{ kind: 'clamped', variantId: 'five-left', title, requested: 7, allowed: 5, reason: 'in_stock' }],
  },
  {
    name: 'clamps the sum to the per-line maximum, with a notice',
    user: { 'max-six': 4 },
    guest: { 'max-six': 4 },
    merged: { 'max-six': 6 },
    notices: [{ kind: 'clamped', variantId: 'max-six', title, requested: 8, allowed: 6, reason: 'per_order' }],
  },
  { name: 'an empty guest cart leaves the user cart as it is', user: { plenty: 2, 'max-six': 1 }, guest: {}, merged: { plenty: 2, 'max-six': 1 }, notices: [] },
  { name: 'an empty user cart takes the guest lines', user: {}, guest: { plenty: 3 }, merged: { plenty: 3 }, notices: [] },
  { name: 'two empty carts make an empty cart', user: {}, guest: {}, merged: {}, notices: [] },
  {
    name: 'drops a sold-out variant with a notice',
    user: { plenty: 1 },
    guest: { 'sold-out': 2 },
    merged: { plenty: 1 },
    notices: [{ kind: 'removed_unavailable', variantId: 'sold-out', title }],
  },
  {
    name: 'drops an archived variant from the user side too',
    user: { archived: 1 },
    guest: { plenty: 1 },
    merged: { plenty: 1 },
    notices: [{ kind: 'removed_unavailable', variantId: 'archived', title }],
  },
  {
    name: 'drops a variant the database does not know',
    user: {},
    guest: { ghost: 1 },
    merged: {},
    notices: [{ kind: 'removed_unavailable', variantId: 'ghost', title: 'An item' }],
  },
  {
    name: 'never produces a line from negative availability',
    user: {},
    guest: { 'reserved-away': 1 },
    merged: {},
    notices: [{ kind: 'removed_unavailable', variantId: 'reserved-away', title }],
  },
  {
    name: 'ignores corrupt quantities instead of trusting them',
    user: { plenty: 0 },
    guest: { plenty: 2, 'max-six': -3, 'five-left': 1.5 },
    merged: { plenty: 2 },
    notices: [],
  },
];

describe('mergeCartLines', () => {
  it.each(table)('$name', ({ user, guest, merged, notices }) => {
    const result = mergeCartLines(user, guest, limits);
    expect(result.quantities).toEqual(merged);
    expect(result.notices).toEqual(notices);
  });

  it('leaves its inputs untouched, so a retry starts from the same numbers', () => {
    const user = { plenty: 2 };
    const guest = { plenty: 3 };
    mergeCartLines(user, guest, limits);
    expect(user).toEqual({ plenty: 2 });
    expect(guest).toEqual({ plenty: 3 });
  });

  it('is not idempotent on its own: merging the merged cart again adds again (why merge-carts claims the guest cart once)', () => {
    const once = mergeCartLines({ plenty: 1 }, { plenty: 2 }, limits).quantities;
    expect(mergeCartLines(once, { plenty: 2 }, limits).quantities).toEqual({ plenty: 5 });
  });
});
