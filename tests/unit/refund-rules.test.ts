import { describe, expect, it } from 'vitest';
import {
  checkRestockLines,
  orderRefundedAmount,
  orderStatusFor,
  paymentStatusFor,
  requestFingerprint,
  requestRefundInputSchema,
  resolveRefundAmount,
} from '@/lib/refunds/refund-rules';

const order = '3f1c2a9e-0000-4000-8000-000000000001';
const v1 = '3f1c2a9e-0000-4000-8000-0000000000a1';
const v2 = '3f1c2a9e-0000-4000-8000-0000000000a2';

describe('resolveRefundAmount', () => {
  it.each([
    // captured, committed (non-failed refunds), asked → amount or what remains
    [10_000, 0, undefined, { ok: true, value: 10_000 }],
    [10_000, 2_500, undefined, { ok: true, value: 7_500 }],
    [10_000, 2_500, 7_500, { ok: true, value: 7_500 }],
    [10_000, 2_500, 1, { ok: true, value: 1 }],
    [10_000, 2_500, 7_501, { ok: false, error: { requested: 7_501, remaining: 7_500 } }],
    [10_000, 10_000, undefined, { ok: false, error: { requested: 0, remaining: 0 } }],
    [10_000, 10_000, 1, { ok: false, error: { requested: 1, remaining: 0 } }],
  ] as const)('captured %i, committed %i, asked %s', (captured, committed, asked, expected) => {
    expect(resolveRefundAmount(captured, committed, asked)).toEqual(expected);
  });
});

describe('checkRestockLines', () => {
  const sold = new Map([
    [v1, 3],
    [v2, 1],
  ]);
  it('accepts lines within what left the shelf, sorted by variant', () => {
    expect(
      checkRestockLines(
        [
          { variantId: v2, quantity: 1 },
          { variantId: v1, quantity: 2 },
        ],
        sold,
        new Map([[v1, 1]]),
      ),
    ).toEqual({
      ok: true,
      value: [
        { variantId: v1, quantity: 2 },
        { variantId: v2, quantity: 1 },
      ],
    });
  });

  it('refuses more than was sold minus what earlier refunds put back', () => {
    const result = checkRestockLines([{ variantId: v1, quantity: 2 }], sold, new Map([[v1, 2]]));
    expect(result).toEqual({ ok: false, error: `Only 1 of item ${v1} can still be restocked for this order` });
  });

  it('refuses a variant that never left the shelf for this order', () => {
    const other = '3f1c2a9e-0000-4000-8000-0000000000ff';
    expect(checkRestockLines([{ variantId: other, quantity: 1 }], sold, new Map()).ok).toBe(false);
  });
});

describe('requestFingerprint', () => {
  const base = {
    orderId: order,
    amount: 5_000,
    restock: [
      { variantId: v1, quantity: 1 },
      { variantId: v2, quantity: 2 },
    ],
  };
  it('is the same for the same request, whatever the order of its lines', () => {
    expect(requestFingerprint(base)).toBe(requestFingerprint({ ...base, restock: [...base.restock].reverse() }));
  });
  it.each([
    ['another amount', { ...base, amount: 5_001 }],
    ['no amount (everything that remains)', { ...base, amount: undefined }],
    ['other lines', { ...base, restock: [{ variantId: v1, quantity: 1 }] }],
    ['another payment', { ...base, paymentId: v2 }],
  ])('differs for %s', (_label, other) => {
    expect(requestFingerprint(other)).not.toBe(requestFingerprint(base));
  });
});

describe('statuses from refunded sums', () => {
  it.each([
    [10_000, 0, 'paid', 'paid'],
    [10_000, 0, 'needs_review', 'needs_review'],
    [10_000, 1, 'paid', 'partially_refunded'],
    [10_000, 10_000, 'paid', 'refunded'],
  ] as const)('payment of %i with %i refunded (before: %s) is %s', (amount, refunded, before, expected) => {
    expect(paymentStatusFor(amount, refunded, before)).toBe(expected);
  });

  it.each([
    // total, what the customer still has paid across captured payments → refunded of the total
    [10_000, 10_000, 0],
    [10_000, 20_000, 0], // a surplus second payment: refunding it leaves the order whole
    [10_000, 6_000, 4_000],
    [10_000, 0, 10_000],
  ])('order of %i with %i still paid has %i refunded', (total, netPaid, expected) => {
    expect(orderRefundedAmount(total, netPaid)).toBe(expected);
  });

  it.each([
    [10_000, 0, 'fulfilled', 'fulfilled'],
    [10_000, 4_000, 'paid', 'partially_refunded'],
    [10_000, 10_000, 'paid_needs_attention', 'refunded'],
  ] as const)('order of %i with %i refunded (before: %s) is %s', (total, refunded, before, expected) => {
    expect(orderStatusFor(total, refunded, before)).toBe(expected);
  });
});

describe('requestRefundInputSchema', () => {
  const valid = { orderId: order, reason: 'Damaged in transit', actor: { kind: 'admin', userId: v1 }, idempotencyKey: 'key-123' };
  it.each([
    ['a zero amount', { amount: 0 }],
    ['a fractional amount', { amount: 10.5 }],
    ['an empty reason', { reason: '  ' }],
    [
      'the same variant twice',
      {
        restock: [
          { variantId: v1, quantity: 1 },
          { variantId: v1, quantity: 1 },
        ],
      },
    ],
    ['a zero restock quantity', { restock: [{ variantId: v1, quantity: 0 }] }],
    ['an admin without a user id', { actor: { kind: 'admin', userId: 'nope' } }],
  ])('refuses %s', (_label, change) => {
    expect(requestRefundInputSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });
  it('accepts a full refund with no amount', () => {
    expect(requestRefundInputSchema.safeParse(valid).success).toBe(true);
  });
});
