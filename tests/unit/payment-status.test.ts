import { describe, expect, it } from 'vitest';
import { paymentStatus } from '@/db/schema';
import { CHARGEABLE_PAYMENT_STATUSES, canTransitionPayment, isOpenPayment, OPEN_PAYMENT_STATUSES, type PaymentStatus } from '@/lib/payments/payment-status';

const statuses = paymentStatus.enumValues;

// Every move the shop may make, and nothing else: a pair missing here must be refused.
const allowedMoves: Array<[PaymentStatus, PaymentStatus]> = [
  ['initialized', 'pending'],
  ['initialized', 'paid'],
  ['initialized', 'failed'],
  ['initialized', 'abandoned'],
  ['initialized', 'needs_review'],
  ['pending', 'paid'],
  ['pending', 'failed'],
  ['pending', 'abandoned'],
  ['pending', 'needs_review'],
  ['failed', 'paid'],
  ['failed', 'needs_review'],
  ['abandoned', 'paid'],
  ['abandoned', 'needs_review'],
  ['paid', 'partially_refunded'],
  ['paid', 'refunded'],
  ['needs_review', 'paid'],
  ['needs_review', 'partially_refunded'],
  ['needs_review', 'refunded'],
  ['partially_refunded', 'partially_refunded'],
  ['partially_refunded', 'refunded'],
  // A refund Paystack accepted and then failed: the money stays, the payment goes back to where it stood.
  ['partially_refunded', 'paid'],
  ['partially_refunded', 'needs_review'],
  ['refunded', 'partially_refunded'],
  ['refunded', 'paid'],
  ['refunded', 'needs_review'],
];

const isAllowed = (from: PaymentStatus, to: PaymentStatus) => allowedMoves.some(([a, b]) => a === from && b === to);
const everyPair = statuses.flatMap((from) => statuses.map((to) => [from, to, isAllowed(from, to)] as const));

describe('payment transitions', () => {
  it.each(everyPair)('%s → %s allowed: %s', (from, to, expected) => {
    expect(canTransitionPayment(from, to)).toBe(expected);
  });

  it('lets a charge land on every status it may still land on, and flags a mismatch there too', () => {
    for (const from of CHARGEABLE_PAYMENT_STATUSES) {
      expect(canTransitionPayment(from, 'paid')).toBe(true);
      expect(canTransitionPayment(from, 'needs_review')).toBe(true);
    }
    expect(CHARGEABLE_PAYMENT_STATUSES).toEqual(['initialized', 'pending', 'failed', 'abandoned']);
  });

  it('closes only open intents as failed or abandoned, and never reopens a settled one', () => {
    expect(OPEN_PAYMENT_STATUSES).toEqual(['initialized', 'pending']);
    for (const from of statuses) {
      expect(canTransitionPayment(from, 'failed'), from).toBe(isOpenPayment(from));
      expect(canTransitionPayment(from, 'abandoned'), from).toBe(isOpenPayment(from));
      expect(canTransitionPayment(from, 'initialized'), from).toBe(false);
    }
  });

  it('leaves a full refund only when a refund fails, back to a captured state', () => {
    expect(statuses.filter((to) => canTransitionPayment('refunded', to))).toEqual(['paid', 'needs_review', 'partially_refunded']);
  });
});
