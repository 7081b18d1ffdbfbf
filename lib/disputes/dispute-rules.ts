// The dispute arithmetic, apart from the database: which of the shop's statuses a Paystack snapshot means, what a
// resolved dispute cost, how much an acceptance may give back, and how long is left to answer.
import type { Dispute } from '../payments/paystack/disputes';
import { err, ok, type Result } from '../core/result';
import type { DisputeStatus } from './dispute-status';

/**
 * Paystack's status in the shop's words. `resolved` splits by resolution: `declined` means the shop's answer stood
 * (won); anything else — merchant-accepted, auto-accepted when the deadline passed, a bank ruling — cost the shop (lost).
 */
export function statusOfSnapshot(snapshot: Pick<Dispute, 'status' | 'resolution'>): DisputeStatus {
  switch (snapshot.status) {
    case 'awaiting-merchant-feedback':
      return 'awaiting_merchant_feedback';
    case 'awaiting-bank-feedback':
      return 'awaiting_bank_feedback';
    case 'pending':
      return 'pending';
    case 'resolved':
      return snapshot.resolution === 'declined' ? 'won' : 'lost';
  }
}

/** What a lost dispute cost: Paystack's refund amount, else the whole disputed amount. A won one cost nothing. */
export function lossOfResolved(status: 'won' | 'lost', refundAmount: number | null, disputedAmount: number): number {
  if (status === 'won') return 0;
  return refundAmount !== null && refundAmount > 0 ? refundAmount : disputedAmount;
}

/**
 * How much an acceptance may give back: at most what the customer disputed, and at most what is left of the payment
 * once its refunds (every one not failed) and its other disputes' losses are taken off. Omitted = all of that.
 */
export function resolveAcceptAmount(
  disputed: number,
  remaining: number,
  requested: number | undefined,
): Result<number, { requested: number; remaining: number }> {
  const limit = Math.max(0, Math.min(disputed, remaining));
  const amount = requested ?? limit;
  if (amount <= 0 || amount > limit) return err({ requested: amount, remaining: limit });
  return ok(amount);
}

/** "2 days 4 hours left", "5 hours left", "overdue by 3 hours": the answer window in words an admin acts on. */
export function timeLeft(dueAt: Date | null, now: Date): { label: string; overdue: boolean; withinHours: number | null } {
  if (!dueAt) return { label: 'No due date from Paystack', overdue: false, withinHours: null };
  const ms = dueAt.getTime() - now.getTime();
  const hours = Math.floor(Math.abs(ms) / 3_600_000);
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const span = days > 0 ? `${plural(days, 'day')}${rest > 0 ? ` ${plural(rest, 'hour')}` : ''}` : hours > 0 ? plural(hours, 'hour') : 'under an hour';
  return ms >= 0 ? { label: `${span} left`, overdue: false, withinHours: ms / 3_600_000 } : { label: `overdue by ${span}`, overdue: true, withinHours: 0 };
}

export const disputeStatusLabels: Record<DisputeStatus, string> = {
  awaiting_merchant_feedback: 'Awaiting your answer',
  awaiting_bank_feedback: 'With the bank',
  pending: 'Under review',
  won: 'Won',
  lost: 'Lost',
};
