import { describe, expect, it } from 'vitest';
import { addMoney, formatMoney, money, multiplyMoney, toDecimalString } from '@/lib/core/money';

describe('money', () => {
  it('formats kobo as naira', () => {
    expect(formatMoney(money(2_850_000))).toBe('₦28,500.00');
    expect(formatMoney(money(5))).toBe('₦0.05');
  });

  it('adds and multiplies in minor units without floating point drift', () => {
    expect(addMoney(money(10), money(20)).amount).toBe(30);
    expect(multiplyMoney(money(1_999), 3)).toEqual({ amount: 5_997, currency: 'NGN' });
  });

  it('writes the decimal form machine formats expect, without floating point', () => {
    expect(toDecimalString(money(2_850_000))).toBe('28500.00');
    expect(toDecimalString(money(5))).toBe('0.05');
    expect(toDecimalString(money(-1_999))).toBe('-19.99');
  });

  it('rejects fractional amounts and mixed currencies', () => {
    expect(() => money(10.5)).toThrow(RangeError);
    expect(() => addMoney(money(1, 'NGN'), money(1, 'USD'))).toThrow(/Cannot add NGN to USD/);
  });
});
