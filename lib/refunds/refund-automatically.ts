// The automatic refund the payment commit queues for money the shop cannot keep (a late payment whose stock was sold,
// a second payment for an order already paid or closed): everything that remains on THAT payment goes back, under a
// key derived from the payment, so the job running twice (or retried by Inngest) is still one refund.
// The event only NAMES a payment: before any money moves, the database must agree that the shop is not keeping it
// (an event that reaches the job by another road — a forged call to /api/inngest, a hand-written outbox row — names
// an ordinary paid payment and refunds nothing).
import { and, eq, sql } from 'drizzle-orm';
import { auditLogs, orders, payments, refunds } from '../../db/schema';
import type { JobPayload } from '../jobs/events';
import { requestRefund } from './request-refund';
import type { RefundDeps } from './submit-refund';

export const automaticRefundKey = (paymentId: string) => `auto:${paymentId}`;

export type AutomaticRefundOutcome = { refundId: string; status: string } | { skipped: string };

export async function refundAutomatically(deps: RefundDeps, payload: JobPayload<'refund/requested'>): Promise<AutomaticRefundOutcome> {
  if (!(await isUnexpectedMoney(deps.db, payload))) return { skipped: 'payment_is_honoured' };
  const result = await requestRefund(deps, {
    orderId: payload.orderId,
    paymentId: payload.paymentId,
    // Whatever remains rather than the payload's full amount: an admin may already have given part of it back.
    reason: payload.reason,
    actor: { kind: 'system', reason: 'automatic-refund' },
    idempotencyKey: automaticRefundKey(payload.paymentId),
  });
  if (result.ok) return { refundId: result.value.id, status: result.value.status };
  const error = result.error;
  switch (error.code) {
    // Recorded; the reconciliation schedule carries an unanswered one on, and a refused one alerted the admins.
    case 'refund_pending_confirmation':
    case 'refund_rejected':
      return { refundId: error.refund.id, status: error.refund.status };
    // Nothing left to give back on that payment (an admin refunded it by hand first).
    case 'not_refundable':
    case 'refund_exceeds_remaining':
      return { skipped: error.code };
    default:
      // The payload names an order and a payment the commit wrote: anything else is a bug worth retrying loudly.
      throw new Error(`Automatic refund of payment ${payload.paymentId} failed: ${JSON.stringify(error)}`);
  }
}

/**
 * Money the shop is not honouring, as the payment commit recorded it: the order could not be fulfilled when this
 * payment arrived (`paid_needs_attention`: paid late, stock gone), or the payment landed on an order that was already
 * paid, cancelled or refunded, which the commit records as the payment's `payment.unexpected` audit entry in the same
 * transaction that marked it paid. Once this job has opened its refund the order has moved on (refunded), so a rerun
 * is recognised by that refund's key and answered with it. The payment must belong to the order the event names.
 */
async function isUnexpectedMoney(db: RefundDeps['db'], payload: JobPayload<'refund/requested'>): Promise<boolean> {
  const [row] = await db
    .select({
      orderStatus: orders.status,
      recordedUnexpected: sql<boolean>`exists (
        select 1 from ${auditLogs}
        where ${auditLogs.entityType} = 'payment' and ${auditLogs.entityId} = ${payments.id}::text and ${auditLogs.action} = 'payment.unexpected'
      )`,
      alreadyStarted: sql<boolean>`exists (select 1 from ${refunds} where ${refunds.idempotencyKey} = ${automaticRefundKey(payload.paymentId)})`,
    })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(and(eq(payments.id, payload.paymentId), eq(payments.orderId, payload.orderId)));
  return row !== undefined && (row.orderStatus === 'paid_needs_attention' || row.recordedUnexpected || row.alreadyStarted);
}
