// A `charge.dispute.create|remind|resolve` webhook (or Paystack's answer to the shop's own resolve) applied inside the
// exactly-once transaction. Every event carries the whole dispute, so whichever arrives first creates the row: a
// reminder or a resolution that overtakes its `create` is never lost, and the `create` that arrives after a resolution
// changes nothing. A snapshot older than the one applied (Paystack's `updatedAt`) never overwrites it; a resolved
// dispute never reopens (lib/disputes/dispute-status.ts). Locks: order → payment → dispute, as every money writer.
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { disputes, orders, payments } from '../../db/schema';
import type { AuditActor } from '../audit/record-audit';
import { recordAudit } from '../audit/record-audit';
import type { CurrencyCode } from '../core/money';
import { enqueue } from '../outbox/enqueue';
import type { Dispute } from '../payments/paystack/disputes';
import type { DisputeEvent } from '../payments/paystack/webhook-events';
import type { Applied } from '../webhooks/apply-once';
import { isFinalDispute, tryTransitionDisputeWhere } from './dispute-status';
import { lossOfResolved, statusOfSnapshot } from './dispute-rules';

type DisputeRow = typeof disputes.$inferSelect;

export async function applyDisputeEvent(tx: Tx, event: DisputeEvent, actor: AuditActor): Promise<Applied<never>> {
  const { dispute: snapshot } = event;
  const payment = await lockPayment(tx, snapshot.transactionReference ?? '');
  const target = statusOfSnapshot(snapshot);
  const amount = snapshot.refundAmount ?? payment?.amount ?? 0;
  const final = target === 'won' || target === 'lost';

  const [inserted] = await tx
    .insert(disputes)
    .values({
      gatewayDisputeId: snapshot.id,
      paymentId: payment?.id ?? null,
      orderId: payment?.orderId ?? null,
      transactionReference: snapshot.transactionReference ?? '',
      amount,
      currency: (snapshot.currency ?? payment?.currency ?? 'NGN') as CurrencyCode,
      category: snapshot.category,
      reason: snapshot.reason,
      status: target,
      resolution: snapshot.resolution,
      dueAt: snapshot.dueAt,
      resolvedAt: snapshot.resolvedAt,
      lossAmount: final ? lossOfResolved(target, snapshot.refundAmount, amount) : 0,
      gatewayUpdatedAt: snapshot.updatedAt,
      reminders: event.event === 'remind' ? 1 : 0,
    })
    .onConflictDoNothing({ target: disputes.gatewayDisputeId })
    .returning();
  if (inserted) {
    await recordAudit(tx, {
      actor,
      action: 'dispute.opened',
      entityType: 'dispute',
      entityId: inserted.id,
      after: { status: target, amount, gatewayDisputeId: snapshot.id, lossAmount: inserted.lossAmount },
      metadata: { event: event.event, orderId: inserted.orderId, paymentId: inserted.paymentId },
    });
    await alertAdmins(tx, inserted, event);
    return { status: 'processed', outcome: `dispute ${snapshot.id} recorded as ${target} (${event.event})` };
  }

  const [row] = await tx.select().from(disputes).where(eq(disputes.gatewayDisputeId, snapshot.id)).for('update');
  if (!row) throw new Error(`Dispute ${snapshot.id} vanished under its lock`);
  const outcome = await applySnapshot(tx, row, snapshot, actor, { remind: event.event === 'remind' });
  await alertAdmins(tx, { ...row, reminders: row.reminders + (event.event === 'remind' ? 1 : 0) }, event);
  return { status: 'processed', outcome: `dispute ${snapshot.id}: ${outcome} (${event.event})` };
}

/**
 * Brings a locked dispute row up to a Paystack snapshot (a webhook's, or the answer to the shop's resolve): its fields
 * and its status move, unless a newer snapshot was applied already.
 */
export async function applySnapshot(tx: Tx, row: DisputeRow, snapshot: Dispute, actor: AuditActor, opts: { remind?: boolean } = {}): Promise<string> {
  const stale = row.gatewayUpdatedAt !== null && snapshot.updatedAt !== null && snapshot.updatedAt < row.gatewayUpdatedAt;
  if (opts.remind)
    await tx
      .update(disputes)
      .set({ reminders: sql`${disputes.reminders} + 1` })
      .where(eq(disputes.id, row.id));
  if (stale) return `older than the snapshot applied, left ${row.status}`;

  const fields = {
    resolution: snapshot.resolution ?? row.resolution,
    dueAt: snapshot.dueAt ?? row.dueAt,
    resolvedAt: snapshot.resolvedAt ?? row.resolvedAt,
    category: snapshot.category ?? row.category,
    reason: snapshot.reason ?? row.reason,
    gatewayUpdatedAt: snapshot.updatedAt ?? row.gatewayUpdatedAt,
  };
  const target = statusOfSnapshot(snapshot);
  if (target === row.status || isFinalDispute(row.status)) {
    await tx.update(disputes).set(fields).where(eq(disputes.id, row.id));
    return target === row.status ? `still ${row.status}` : `already ${row.status}, not moved to ${target}`;
  }
  const final = target === 'won' || target === 'lost';
  const lossAmount = final ? lossOfResolved(target, snapshot.refundAmount, row.amount) : row.lossAmount;
  // The row is locked and its snapshot checked above: the guarded UPDATE only has the status table left to enforce.
  const moved = await tryTransitionDisputeWhere(tx, eq(disputes.id, row.id), target, {
    extra: { ...fields, lossAmount },
    actor,
    before: { status: row.status, lossAmount: row.lossAmount },
    metadata: { gatewayDisputeId: row.gatewayDisputeId, resolution: snapshot.resolution, lossAmount },
  });
  return moved ? `${row.status} → ${target}` : `not moved to ${target}`;
}

/** The disputed payment and its order, locked in the shop's order (order, then payment); none for an unknown reference. */
async function lockPayment(tx: Tx, reference: string) {
  const [found] = await tx.select({ orderId: payments.orderId }).from(payments).where(eq(payments.reference, reference));
  if (!found) return undefined;
  await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, found.orderId)).for('update');
  const [payment] = await tx
    .select({ id: payments.id, orderId: payments.orderId, amount: payments.amount, currency: payments.currency })
    .from(payments)
    .where(eq(payments.reference, reference))
    .for('update');
  return payment;
}

/** Every admin hears of a new dispute and of each reminder, while it is still open (one job per dispute × topic). */
async function alertAdmins(tx: Tx, row: Pick<DisputeRow, 'id' | 'status' | 'reminders'>, event: DisputeEvent): Promise<void> {
  if (isFinalDispute(row.status) || event.event === 'resolve') return;
  const topic = event.event === 'create' ? 'opened' : `reminder-${row.reminders}`;
  await enqueue(tx, [{ event: 'dispute/alert', payload: { disputeId: row.id, topic }, dedupeKey: `${row.id}:${topic}` }]);
}
