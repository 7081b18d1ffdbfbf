// A refund's status change with everything it sets off, the same whoever caused it (Paystack's answer to our request,
// the reconciliation job adopting a refund Paystack already had, a webhook, a refund made in Paystack's dashboard):
// - accepted by Paystack: its amount counts against the payment and the order, its lines go back on the shelf, and
//   the shopper is told the money is on its way;
// - an accepted refund failing: the amount is refundable again, statuses go back, its credit note (if one was issued)
//   is cancelled — kept, never deleted, its number being part of a gapless series — admins are alerted and the shopper
//   is told the shop will follow up;
// - needs attention: admins are alerted.
// Runs inside the caller's transaction, which holds the order, payment and refund rows (locked in that order).
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { refunds } from '../../db/schema';
import type { AuditActor } from '../audit/record-audit';
import { cancelCreditNoteOfRefund } from '../invoices/cancel-credit-note';
import { restockVariants } from '../inventory/restock-stock';
import { formatMoney, money } from '../core/money';
import { enqueue } from '../outbox/enqueue';
import { changeRefundedBalance } from './refund-balance';
import { isAcceptedRefund, type RefundTransitionOptions, tryTransitionRefund } from './refund-status';
import type { RefundRow } from './refund-view';
import type { RefundStatus } from './types';

export interface MoveOptions {
  actor: AuditActor;
  extra?: RefundTransitionOptions['extra'];
  onlyFrom?: RefundTransitionOptions['onlyFrom'];
  /** Why it failed, in Paystack's words or ours (moves to `failed` only). */
  failureReason?: string;
  metadata?: Record<string, unknown>;
}

/** Moves `refund` (as read under its lock) to `to`; false when its state machine refuses (a duplicate or late event). */
export async function moveRefund(tx: Tx, refund: RefundRow, to: RefundStatus, options: MoveOptions): Promise<boolean> {
  const extra = {
    // Every move is Paystack's word on the refund (its answer, a webhook, the reconciliation asking), so the clock of
    // the reconciliation's next question starts again.
    gatewayCheckedAt: sql`now()`,
    ...options.extra,
    ...(to === 'processed' ? { processedAt: sql`now()` } : {}),
    ...(options.failureReason === undefined ? {} : { failureReason: options.failureReason }),
  };
  const moved = await tryTransitionRefund(tx, refund.id, to, {
    actor: options.actor,
    extra,
    onlyFrom: options.onlyFrom,
    before: { status: refund.status },
    metadata: options.metadata,
  });
  if (!moved) return false;

  const wasCounted = isAcceptedRefund(refund.status);
  const counts = isAcceptedRefund(to);
  const balance = { orderId: refund.orderId, paymentId: refund.paymentId, refundId: refund.id, actor: options.actor };
  if (!wasCounted && counts) {
    await changeRefundedBalance(tx, { ...balance, delta: refund.amount });
    if (refund.restockLines.length > 0 && !refund.restockedAt) {
      await restockVariants(tx, refund.restockLines, { actor: options.actor, refundId: refund.id, orderId: refund.orderId });
      await tx.update(refunds).set({ restockedAt: sql`now()` }).where(eq(refunds.id, refund.id));
    }
  } else if (wasCounted && !counts) {
    await changeRefundedBalance(tx, { ...balance, delta: -refund.amount });
  }
  if (to === 'failed') {
    const why = options.failureReason ?? refund.failureReason;
    await cancelCreditNoteOfRefund(tx, refund.id, { actor: options.actor, reason: why ? `The refund failed: ${why}` : 'The refund failed' });
  }

  // The shopper hears from the shop about refunds the shop made; one made in Paystack's dashboard is its maker's to tell.
  const tellShopper = refund.origin !== 'external';
  const jobs: Parameters<typeof enqueue>[1] = [];
  if (tellShopper && counts && (!wasCounted || to === 'processed')) {
    jobs.push({ event: 'refund/settled', payload: { refundId: refund.id, outcome: 'processed' }, dedupeKey: `${refund.id}:processed` });
  }
  if (to === 'failed' && wasCounted && tellShopper) {
    jobs.push({ event: 'refund/settled', payload: { refundId: refund.id, outcome: 'failed' }, dedupeKey: `${refund.id}:failed` });
  }
  const problem = alertFor({ ...refund, failureReason: options.failureReason ?? refund.failureReason }, to, wasCounted);
  if (problem) {
    const topic = `refund:${refund.id}:${to}`;
    jobs.push({
      event: 'payment/needs-attention',
      payload: { orderId: refund.orderId, paymentId: refund.paymentId, problems: [problem], topic },
      dedupeKey: topic,
    });
  }
  await enqueue(tx, jobs);
  return true;
}

function alertFor(refund: RefundRow, to: RefundStatus, wasCounted: boolean): string | null {
  const amount = formatMoney(money(refund.amount, refund.currency));
  if (to === 'needs_attention') return `Paystack needs attention on the refund of ${amount} (refund ${refund.id}): see the refund in Paystack's dashboard.`;
  if (to !== 'failed') return null;
  // A refund an admin asked for and Paystack refused on the spot was answered to that admin there and then.
  if (wasCounted) return `The refund of ${amount} failed at Paystack (refund ${refund.id}); the money is refundable again. Follow up with the customer.`;
  if (refund.origin === 'system')
    return `The automatic refund of ${amount} (refund ${refund.id}) was refused by Paystack: ${refund.failureReason ?? 'no reason given'}.`;
  return null;
}
