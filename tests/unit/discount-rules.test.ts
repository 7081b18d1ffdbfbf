// The discount arithmetic and rules, table by table: rounding, caps, the order of refusals, the total's formula.
import { describe, expect, it } from 'vitest';
import { parseDiscountForm } from '@/lib/discounts/discount-form';
import { type DiscountCodeRule, discountAmount, evaluateDiscount, MIN_PAYABLE_AMOUNT, orderTotal } from '@/lib/discounts/discount-rules';

const rule = (change: Partial<DiscountCodeRule> = {}): DiscountCodeRule => ({
  id: 'c',
  code: 'SAVE',
  kind: 'percent',
  value: 10,
  currency: 'NGN',
  minSubtotalAmount: 0,
  startsAt: null,
  endsAt: null,
  usageLimit: null,
  perCustomerLimit: null,
  paused: false,
  ...change,
});
const now = new Date('2026-12-07T12:00:00Z');
const order = { subtotal: 10_000_00, shipping: 2_500_00, currency: 'NGN' as const };

describe('discountAmount', () => {
  it.each([
    ['10 % of ₦10,000', { kind: 'percent', value: 10 }, 10_000_00, 2_500_00, 1_000_00],
    ['a percent rounds down to the kobo', { kind: 'percent', value: 15 }, 333_33, 2_500_00, 49_99],
    ['100 % takes the subtotal, not the delivery fee', { kind: 'percent', value: 100 }, 10_000_00, 2_500_00, 10_000_00],
    ['a fixed amount', { kind: 'fixed', value: 1_500_00 }, 10_000_00, 2_500_00, 1_500_00],
    ['a fixed amount above the subtotal stops at the subtotal', { kind: 'fixed', value: 50_000_00 }, 10_000_00, 2_500_00, 10_000_00],
    ['with free delivery, ₦1 is left to pay', { kind: 'percent', value: 100 }, 10_000_00, 0, 10_000_00 - MIN_PAYABLE_AMOUNT],
  ] as const)('%s', (_label, code, subtotal, shipping, expected) => {
    expect(discountAmount(code, subtotal, shipping)).toBe(expected);
    expect(orderTotal({ subtotal, discount: expected, shipping })).toBeGreaterThanOrEqual(MIN_PAYABLE_AMOUNT);
  });
});

describe('evaluateDiscount', () => {
  const uses = { total: 0, byCustomer: 0 };
  it.each([
    ['no such code', null, uses, 'unknown'],
    ['paused (before anything else)', rule({ paused: true, usageLimit: 1 }), { total: 5, byCustomer: 5 }, 'paused'],
    ['not started', rule({ startsAt: new Date('2026-12-08T00:00:00Z') }), uses, 'not_started'],
    ['ended at this very moment', rule({ endsAt: now }), uses, 'expired'],
    ['below the minimum', rule({ minSubtotalAmount: 10_000_01 }), uses, 'below_minimum'],
    ['used up', rule({ usageLimit: 3 }), { total: 3, byCustomer: 0 }, 'used_up'],
    ['used by this customer', rule({ perCustomerLimit: 1 }), { total: 1, byCustomer: 1 }, 'already_used'],
    ['another currency', rule({ currency: 'GHS' }), uses, 'unknown'],
  ] as const)('refuses: %s', (_label, code, counted, reason) => {
    const result = evaluateDiscount(code, 'save', order, counted, now);
    expect(result.ok === false && result.error.reason).toBe(reason);
  });

  it('applies a code inside its window, at its minimum, with uses left', () => {
    const code = rule({
      startsAt: new Date('2026-12-01T00:00:00Z'),
      endsAt: new Date('2026-12-31T00:00:00Z'),
      minSubtotalAmount: 10_000_00,
      usageLimit: 3,
      perCustomerLimit: 2,
    });
    expect(evaluateDiscount(code, 'save', order, { total: 2, byCustomer: 1 }, now)).toEqual({ ok: true, value: { amount: 1_000_00 } });
  });
});

describe('parseDiscountForm (the admin form, typed in naira and Lagos time)', () => {
  const base = { code: 'Welcome10', kind: 'percent', value: '10', minSubtotal: '', startsAt: '', endsAt: '', usageLimit: '', perCustomerLimit: '' };

  it('turns naira into kobo and Lagos wall time into an instant', () => {
    const parsed = parseDiscountForm({ ...base, kind: 'fixed', value: '1,500.50', minSubtotal: '10,000', startsAt: '2026-12-24T09:00', usageLimit: '100' });
    expect(parsed).toEqual({
      ok: true,
      input: {
        code: 'Welcome10',
        kind: 'fixed',
        value: 1_500_50,
        minSubtotal: 10_000_00,
        startsAt: new Date('2026-12-24T08:00:00Z'),
        endsAt: null,
        usageLimit: 100,
        perCustomerLimit: null,
      },
    });
  });

  it('says what is wrong under each field', () => {
    const parsed = parseDiscountForm({ ...base, code: 'a b', value: '12.5', usageLimit: 'lots', startsAt: '2026-12-24T09:00', endsAt: '2026-12-23T09:00' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.fieldErrors).sort()).toEqual(['code', 'endsAt', 'usageLimit', 'value']);
    expect(parsed.fieldErrors.value).toEqual(['A percentage is a whole number from 1 to 100']);
    const window = parseDiscountForm({ ...base, startsAt: '2026-12-24T09:00', endsAt: '2026-12-23T09:00' });
    expect(window.ok === false && window.fieldErrors).toEqual({ endsAt: ['Ends at must be after starts at'] });
  });
});
