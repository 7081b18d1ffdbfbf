// The optimistic guesses the cart UI shows before the server answers: within limits, totals in kobo.
import { describe, expect, it } from 'vitest';
import { emptied, withAddedUnits, withLineQuantity, withoutLine } from '@/components/cart/optimistic-cart';
import type { CartLine, CartView } from '@/lib/cart/types';

const line = (variantId: string, quantity: number, price: number, maxQuantity = 4): CartLine => ({
  variantId,
  productId: 'p',
  productSlug: 'p',
  productTitle: 'Product',
  variantTitle: variantId,
  sku: variantId,
  imageUrl: null,
  unitPrice: { amount: price, currency: 'NGN' },
  quantity,
  lineTotal: { amount: price * quantity, currency: 'NGN' },
  available: 10,
  maxQuantity,
});

const cart: CartView = {
  lines: [line('a', 1, 10_000), line('b', 2, 2_500)],
  itemCount: 3,
  subtotal: { amount: 15_000, currency: 'NGN' },
  notices: [{ kind: 'removed_unavailable', variantId: 'x', title: 'Old' }],
};

describe('optimistic cart', () => {
  it('sets a quantity and recomputes line total, subtotal and count', () => {
    const next = withLineQuantity(cart, 'a', 3);
    expect(next.lines[0]).toMatchObject({ quantity: 3, lineTotal: { amount: 30_000 } });
    expect(next.subtotal.amount).toBe(35_000);
    expect(next.itemCount).toBe(5);
    expect(next.notices).toEqual([]);
  });

  it('never guesses beyond the line maximum or below 1', () => {
    expect(withLineQuantity(cart, 'a', 99).lines[0]!.quantity).toBe(4);
    expect(withLineQuantity(cart, 'a', 0).lines[0]!.quantity).toBe(1);
  });

  it('removes a line and clears the cart', () => {
    expect(withoutLine(cart, 'b')).toMatchObject({ itemCount: 1, subtotal: { amount: 10_000 } });
    expect(emptied(cart)).toEqual({ lines: [], itemCount: 0, subtotal: { amount: 0, currency: 'NGN' }, notices: [] });
  });

  it('adding grows an existing line, and only the count for a variant not yet in the cart', () => {
    expect(withAddedUnits(cart, 'b', 1).lines[1]!.quantity).toBe(3);
    const added = withAddedUnits(cart, 'new', 2);
    expect(added.itemCount).toBe(5);
    expect(added.lines).toHaveLength(2);
    expect(added.subtotal.amount).toBe(15_000);
  });

  it('does not change the cart it was given (needed for rollback)', () => {
    const before = structuredClone(cart);
    withLineQuantity(cart, 'a', 3);
    withoutLine(cart, 'a');
    expect(cart).toEqual(before);
  });
});
