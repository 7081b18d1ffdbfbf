// The refund dialog's pure parts: naira typed by a person → kobo (never through floating point), and the form's schema
// as its server action applies it.
import { describe, expect, it } from 'vitest';
import { refundFormSchema } from '@/app/(admin)/admin/orders/[id]/_components/refund-form';
import { parseMoneyInput } from '@/lib/core/money';

describe('parseMoneyInput', () => {
  it.each([
    ['2500', 2_500_00],
    ['2,500', 2_500_00],
    ['2,500.5', 2_500_50],
    ['₦29,500.00', 29_500_00],
    ['NGN 10', 10_00],
    [' 0.07 ', 7],
    ['0', 0],
    // 0.1 + 0.2 style drift cannot happen: 1,234,567.89 is exactly 123456789 kobo.
    ['1,234,567.89', 123_456_789],
  ])('%s → %i kobo', (text, kobo) => {
    expect(parseMoneyInput(text, 'NGN')).toBe(kobo);
  });

  it.each(['', 'abc', '-5', '1.234', '1e5', '12.3.4', '99999999999999999999'])('refuses %j', (text) => {
    expect(parseMoneyInput(text, 'NGN')).toBeNull();
  });
});

describe('refundFormSchema', () => {
  const valid = {
    orderId: '6d1f6a4e-7c1b-4f8e-9f3a-0c2b7d9e1a11',
    amount: '5,000.50',
    reason: '  Damaged in transit ',
    idempotencyKey: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
  };

  it('turns the naira typed into kobo, trims the reason and defaults to no restock', () => {
    expect(refundFormSchema.parse(valid)).toEqual({ ...valid, amount: 5_000_50, reason: 'Damaged in transit', restock: [] });
  });

  it('reports each bad field by name, with words for the form', () => {
    const parsed = refundFormSchema.safeParse({
      ...valid,
      amount: '0',
      reason: ' ',
      restock: [
        { variantId: valid.orderId, quantity: 1 },
        { variantId: valid.orderId, quantity: 2 },
      ],
      idempotencyKey: 'x',
    });
    expect(parsed.success).toBe(false);
    const messages = Object.fromEntries(parsed.error!.issues.map((issue) => [String(issue.path[0]), issue.message]));
    expect(messages).toMatchObject({
      amount: 'Enter an amount in naira, e.g. 2500 or 2,500.50',
      reason: 'Give a reason for the refund',
      restock: 'Each item may appear once',
    });
    expect(messages.idempotencyKey).toBeDefined();
    expect(refundFormSchema.safeParse({ ...valid, amount: '' }).error?.issues[0]?.message).toBe('Enter the amount to refund');
  });
});
