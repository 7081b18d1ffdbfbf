import { describe, expect, it } from 'vitest';
import { checkoutInputSchema } from '@/lib/checkout/checkout-input';
import { priceOrder, type VariantForPricing } from '@/lib/checkout/price-order';
import { money } from '@/lib/core/money';

const variant = (id: string, overrides: Partial<VariantForPricing> = {}): VariantForPricing => ({
  id,
  sku: `SKU-${id}`,
  title: 'M',
  priceAmount: 1_000_00,
  currency: 'NGN',
  maxPerOrder: 5,
  archivedAt: null,
  productTitle: `Product ${id}`,
  productStatus: 'active',
  ...overrides,
});

describe('priceOrder', () => {
  it('prices from the variants, merges repeated lines and adds the delivery fee', () => {
    const result = priceOrder(
      [
        { variantId: 'b', quantity: 1 },
        { variantId: 'a', quantity: 2 },
        { variantId: 'b', quantity: 2 },
      ],
      [variant('a', { priceAmount: 12_500_00 }), variant('b', { priceAmount: 999 })],
      money(2_500_00),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.lines.map((line) => [line.variantId, line.quantity, line.lineTotalAmount])).toEqual([
      ['a', 2, 25_000_00],
      ['b', 3, 2_997],
    ]);
    expect(result.value.subtotal).toEqual(money(25_029_97));
    expect(result.value.total).toEqual(money(27_529_97));
  });

  it.each([
    ['an unknown variant', [], { variantId: 'a', problem: 'not_found' }],
    ['an archived variant', [variant('a', { archivedAt: new Date() })], { variantId: 'a', problem: 'unavailable' }],
    ['a draft product', [variant('a', { productStatus: 'draft' })], { variantId: 'a', problem: 'unavailable' }],
    ['more than the per-order maximum', [variant('a', { maxPerOrder: 1 })], { variantId: 'a', problem: 'above_limit', limit: 1 }],
    ['another currency', [variant('a', { currency: 'USD' })], { variantId: 'a', problem: 'currency_mismatch' }],
  ])('refuses %s', (_label, variants, problem) => {
    expect(priceOrder([{ variantId: 'a', quantity: 2 }], variants, money(0))).toEqual({ ok: false, error: [problem] });
  });
});

describe('checkoutInputSchema', () => {
  const valid = {
    email: ' Ada@Example.com ',
    deliveryOption: 'express',
    shippingAddress: { fullName: 'Ada Obi', phone: '0803 123 4567', line1: '5 Awolowo Road', city: 'Ikoyi', state: 'Lagos', line2: '' },
  };

  it('normalises email and phone, and drops empty optional fields', () => {
    const parsed = checkoutInputSchema.parse(valid);
    expect(parsed.email).toBe('ada@example.com');
    expect(parsed.shippingAddress).toEqual({
      fullName: 'Ada Obi',
      phone: '08031234567',
      line1: '5 Awolowo Road',
      city: 'Ikoyi',
      state: 'Lagos',
      country: 'NG',
    });
  });

  it.each([
    [{ email: 'not-an-email' }, 'email', 'Enter a valid email address'],
    [{ deliveryOption: 'drone' }, 'deliveryOption', 'Choose a delivery option'],
    [{ shippingAddress: { ...valid.shippingAddress, phone: '12345' } }, 'shippingAddress.phone', 'Enter a Nigerian phone number, e.g. 0803 123 4567'],
    [{ shippingAddress: { ...valid.shippingAddress, state: 'Texas' } }, 'shippingAddress.state', 'Choose a state'],
    [{ shippingAddress: { ...valid.shippingAddress, line1: '   ' } }, 'shippingAddress.line1', 'Address is required'],
  ])('explains a bad field: %j', (change, path, message) => {
    const result = checkoutInputSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toContainEqual([path, message]);
  });
});
