// What the shopper is told, from database facts only: every order status, and each payment outcome of an open order.
import { describe, expect, it } from 'vitest';
import { isSettled, shopperOrderState } from '@/lib/orders/shopper-order-state';

const live = { holdLive: true };
const lapsed = { holdLive: false };

describe('shopperOrderState', () => {
  it.each([
    ['paid', 'paid'],
    ['fulfilled', 'paid'],
    ['partially_refunded', 'paid'],
    ['refunded', 'refunded'],
    ['paid_needs_attention', 'needs_attention'],
    ['expired', 'expired'],
    ['cancelled', 'expired'],
  ] as const)('an order that is %s reads as %s whatever its last payment says', (status, expected) => {
    expect(shopperOrderState({ status, ...live }, { status: 'failed' })).toBe(expected);
  });

  it.each([
    ['initialized', live, 'awaiting_payment'],
    ['pending', live, 'awaiting_payment'],
    // An open payment can still land after the hold lapsed (a late payment): keep waiting, do not say "expired".
    ['initialized', lapsed, 'awaiting_payment'],
    ['failed', live, 'payment_failed'],
    ['abandoned', live, 'payment_failed'],
    ['failed', lapsed, 'expired'],
    ['abandoned', lapsed, 'expired'],
    ['needs_review', live, 'needs_attention'],
  ] as const)('a pending order whose newest payment is %s (hold %o) reads as %s', (payment, hold, expected) => {
    expect(shopperOrderState({ status: 'pending_payment', ...hold }, { status: payment })).toBe(expected);
  });

  it('a pending order with no payment yet is awaiting payment while held, expired after', () => {
    expect(shopperOrderState({ status: 'pending_payment', ...live }, undefined)).toBe('awaiting_payment');
    expect(shopperOrderState({ status: 'pending_payment', ...lapsed }, null)).toBe('expired');
  });

  it('only "awaiting payment" keeps a page polling', () => {
    expect(isSettled('awaiting_payment')).toBe(false);
    for (const state of ['paid', 'payment_failed', 'expired', 'needs_attention', 'refunded'] as const) expect(isSettled(state)).toBe(true);
  });
});
