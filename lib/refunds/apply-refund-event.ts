// A `refund.*` webhook, applied inside the exactly-once wrapper's transaction (the event row commits with its
// effects). Paystack's refund id finds our refund and its state machine decides: duplicates and late events (a
// `pending` after `processed`) change nothing, a final state never moves. A refund nobody in the shop asked for (made
// in Paystack's dashboard) is recorded as `external` against its payment, so the ledger adds up.
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { orders, payments, refunds } from '../../db/schema';
import { type AuditActor, recordAudit } from '../audit/record-audit';
import type { CommitEffects } from '../payments/commit-payment';
import type { RefundEvent } from '../payments/paystack/webhook-events';
import type { Applied } from '../webhooks/apply-once';
import { moveRefund } from './move-refund';
import { fromGatewayStatus } from './refund-status';
import type { RefundRow } from './refund-view';
import { routineRefundOutcome } from './routine-refund-event';

export const EXTERNAL_REFUND_REASON = "Refunded in Paystack's dashboard";

/** Paystack knows a refund our records do not show yet, while one of ours on that payment awaits its answer. */
export class RefundNotYetRecorded extends Error {
  override name = 'RefundNotYetRecorded';
}

export async function applyRefundEvent(tx: Tx, event: RefundEvent, actor: AuditActor): Promise<Applied<CommitEffects>> {
  const [owner] = await tx.select({ orderId: payments.orderId }).from(payments).where(eq(payments.reference, event.transactionReference));
  if (!owner) return { status: 'ignored', outcome: `no payment with reference ${event.transactionReference}` };
  const [order] = await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, owner.orderId)).for('update');
  const [payment] = await tx.select().from(payments).where(eq(payments.reference, event.transactionReference)).for('update');
  if (!order || !payment) throw new Error(`Payment ${event.transactionReference} has no order`);
  const effects: CommitEffects = { orderId: order.id, userId: null, reference: payment.reference };
  const to = fromGatewayStatus(event.status);

  const refund = await findRefund(tx, payment.id, event);
  if (!refund) {
    const [inFlight] = await tx
      .select({ id: refunds.id })
      .from(refunds)
      .where(and(eq(refunds.paymentId, payment.id), eq(refunds.status, 'requested')))
      .limit(1);
    // It may be that very refund, its answer not committed yet: failing makes Paystack deliver again, by when it is.
    if (inFlight)
      throw new RefundNotYetRecorded(`Refund ${event.gatewayRefundId ?? '(no id)'} is not on record while refund ${inFlight.id} awaits Paystack's answer`);
    if (event.gatewayRefundId === null) return { status: 'ignored', outcome: `refund event without an id matches no refund of ${payment.reference}` };
    if (event.currency !== payment.currency) return { status: 'ignored', outcome: `refund in ${event.currency} on a ${payment.currency} payment` };
    const external = await recordExternalRefund(tx, payment, event, actor);
    await moveRefund(tx, external, to, { actor, failureReason: to === 'failed' ? 'Paystack reports the refund as failed' : undefined });
    return { status: 'processed', outcome: `external refund ${event.gatewayRefundId} recorded as ${to}`, effects };
  }

  const moved = await moveRefund(tx, refund, to, {
    actor,
    failureReason: to === 'failed' ? 'Paystack reports the refund as failed' : undefined,
    metadata: { gatewayRefundId: event.gatewayRefundId },
  });
  if (!moved) return { status: 'ignored', outcome: routineRefundOutcome(refund.status, to) };
  return { status: 'processed', outcome: `refund ${refund.status} → ${to}`, effects };
}

async function findRefund(tx: Tx, paymentId: string, event: RefundEvent): Promise<RefundRow | undefined> {
  if (event.gatewayRefundId !== null) {
    const [row] = await tx
      .select()
      .from(refunds)
      .where(eq(refunds.gatewayRefundId, String(event.gatewayRefundId)))
      .for('update');
    return row;
  }
  // No id: only an unambiguous match will do (one refund of that amount still in Paystack's hands).
  const candidates = await tx
    .select()
    .from(refunds)
    .where(
      and(
        eq(refunds.paymentId, paymentId),
        eq(refunds.amount, event.amount),
        isNotNull(refunds.gatewayRefundId),
        inArray(refunds.status, ['pending', 'processing', 'needs_attention']),
      ),
    )
    .for('update');
  return candidates.length === 1 ? candidates[0] : undefined;
}

async function recordExternalRefund(tx: Tx, payment: typeof payments.$inferSelect, event: RefundEvent, actor: AuditActor): Promise<RefundRow> {
  const [row] = await tx
    .insert(refunds)
    .values({
      paymentId: payment.id,
      orderId: payment.orderId,
      amount: event.amount,
      currency: payment.currency,
      reason: EXTERNAL_REFUND_REASON,
      origin: 'external',
      gatewayRefundId: String(event.gatewayRefundId),
    })
    .returning();
  if (!row) throw new Error(`Could not record external refund ${event.gatewayRefundId}`);
  await recordAudit(tx, {
    actor,
    action: 'refund.recorded_external',
    entityType: 'refund',
    entityId: row.id,
    after: { status: 'requested', amount: event.amount, currency: payment.currency, gatewayRefundId: event.gatewayRefundId },
    metadata: { orderId: payment.orderId, paymentId: payment.id },
  });
  return row;
}
