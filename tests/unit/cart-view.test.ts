// Pricing and correcting stored quantities: totals from the database's prices, clamps and drops reported once.
import { describe, expect, it } from 'vitest';
import { buildCartView } from '@/lib/cart/cart-view';
import type { VariantLimits } from '@/lib/cart/variant-limits';

const limits = (id: string, overrides: Partial<VariantLimits> = {}): [string, VariantLimits] => [
  id,
  {
    variantId: id,
    productId: `p-${id}`,
    productSlug: `slug-${id}`,
    productTitle: `Product ${id}`,
    variantTitle: 'M',
    sku: `SKU-${id}`,
    imageUrl: null,
    priceAmount: 250_000,
    currency: 'NGN',
    available: 10,
    maxPerOrder: 5,
    purchasable: true,
    ...overrides,
  },
];

describe('buildCartView', () => {
  it('prices lines from the database and adds up the subtotal and item count in kobo', () => {
    const { view, corrections } = buildCartView({ a: 2, b: 1 }, new Map([limits('a'), limits('b', { priceAmount: 99_950 })]));
    expect(view.lines.map((line) => [line.variantId, line.quantity, line.lineTotal.amount, line.maxQuantity])).toEqual([
      ['a', 2, 500_000, 5],
      ['b', 1, 99_950, 5],
    ]);
    expect(view.subtotal).toEqual({ amount: 599_950, currency: 'NGN' });
    expect(view.itemCount).toBe(3);
    expect(view.notices).toEqual([]);
    expect(corrections.size).toBe(0);
  });

  it('clamps a stored quantity above what can be bought and asks for it to be written back', () => {
    const { view, corrections } = buildCartView({ a: 9 }, new Map([limits('a', { available: 3 })]));
    expect(view.lines[0]!.quantity).toBe(3);
    expect(view.lines[0]!.lineTotal.amount).toBe(750_000);
    expect(view.notices).toEqual([{ kind: 'clamped', variantId: 'a', title: 'Product a (M)', requested: 9, allowed: 3 }]);
    expect([...corrections]).toEqual([['a', 3]]);
  });

  it('drops sold-out, archived and unknown variants with a notice, and corrupt entries silently', () => {
    const { view, corrections } = buildCartView(
      { sold: 1, archived: 2, ghost: 1, broken: -4, ok: 1 },
      new Map([limits('sold', { available: 0 }), limits('archived', { purchasable: false }), limits('broken'), limits('ok')]),
    );
    expect(view.lines.map((line) => line.variantId)).toEqual(['ok']);
    expect(view.notices.map((notice) => [notice.kind, notice.variantId])).toEqual([
      ['removed_unavailable', 'sold'],
      ['removed_unavailable', 'archived'],
      ['removed_unavailable', 'ghost'],
    ]);
    expect(Object.fromEntries(corrections)).toEqual({ sold: 0, archived: 0, ghost: 0, broken: 0 });
    expect(view.subtotal.amount).toBe(250_000);
  });

  it('reports one notice per line when the change and the read both clamp it', () => {
    const earlier = [{ kind: 'clamped' as const, variantId: 'a', title: 'Product a (M)', requested: 12, allowed: 5 }];
    const { view } = buildCartView({ a: 7 }, new Map([limits('a')]), earlier);
    expect(view.notices).toEqual(earlier);
  });

  it('an empty cart costs nothing', () => {
    const { view } = buildCartView({}, new Map());
    expect(view).toEqual({ lines: [], itemCount: 0, subtotal: { amount: 0, currency: 'NGN' }, notices: [] });
  });
});
