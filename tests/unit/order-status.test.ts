// The order state machine's table: the moves the shop makes, and the ones it must refuse.
import { describe, expect, it } from 'vitest';
import { canTransition } from '@/lib/orders/order-status';

describe('order transitions', () => {
  it.each([
    ['pending_payment', 'paid', true],
    ['pending_payment', 'expired', true],
    ['expired', 'paid', true],
    ['paid', 'pending_payment', false],
    // Only when every refund Paystack had accepted failed (the refund's webhook moves it back).
    ['refunded', 'paid', true],
    ['refunded', 'pending_payment', false],
    ['refunded', 'expired', false],
    ['cancelled', 'paid', false],
    ['paid', 'expired', false],
    // Shipping: some lines, then the rest; never back to unshipped, never shipped before it was paid.
    ['paid', 'partially_fulfilled', true],
    ['paid', 'fulfilled', true],
    ['partially_fulfilled', 'fulfilled', true],
    ['partially_fulfilled', 'partially_refunded', true],
    ['fulfilled', 'partially_fulfilled', false],
    ['fulfilled', 'paid', false],
    ['partially_fulfilled', 'paid', false],
    ['pending_payment', 'fulfilled', false],
    ['paid_needs_attention', 'fulfilled', false],
    ['partially_refunded', 'partially_fulfilled', true],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });
});
