// Step 1 of a refund, in ONE transaction that commits before Paystack is called: who asks, which payment, how much,
// which lines go back on the shelf, and the `requested` row under the caller's idempotency key. The order row is
// locked first, then the payment (the shop's lock order), so two refunds of one order are decided one after the other
// and their sum — with what disputes on the payment have cost — can never pass what was captured.
import { and, asc, eq, inArray, isNotNull, ne, or, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client';
import { orders, payments, refunds, users } from '../../db/schema';
import { loadLineFacts } from '../fulfillments/line-facts';
import { recordAudit } from '../audit/record-audit';
import { releaseHoldsOfRefundedOrder } from '../inventory/release-order';
import { disputeLossOnPayment } from '../disputes/dispute-balance';
import { err, ok, type Result } from '../core/result';
import { auditActorOf, checkRestockLines, requestFingerprint, resolveRefundAmount } from './refund-rules';
import type { RefundRow } from './refund-view';
import type { RefundError, RequestRefundInput, RestockLine } from './types';

/** A payment whose money is captured and not all given back yet. */
const REFUNDABLE_PAYMENT_STATUSES = ['paid', 'partially_refunded'] as const;

export type OpenedRefund = { refund: RefundRow; created: boolean };

export async function openRefund(db: Database, input: RequestRefundInput): Promise<Result<OpenedRefund, RefundError>> {
  if (input.actor.kind === 'external') return err({ code: 'forbidden' });
  const fingerprint = requestFingerprint(input);
  return db.transaction(async (tx): Promise<Result<OpenedRefund, RefundError>> => {
    // The role as it is now in the database, not as a session remembered it: a demoted admin refunds nothing.
    if (input.actor.kind === 'admin') {
      const [user] = await tx.select({ role: users.role }).from(users).where(eq(users.id, input.actor.userId));
      if (user?.role !== 'admin') return err({ code: 'forbidden' });
    }
    const [order] = await tx.select().from(orders).where(eq(orders.id, input.orderId)).for('update');
    if (!order) return err({ code: 'order_not_found' });

    // Under the order's lock a replay of the same key finds the first request's row, whatever became of it.
    const existing = await byKey(tx, input.idempotencyKey);
    if (existing) return existing.requestFingerprint === fingerprint ? ok({ refund: existing, created: false }) : err({ code: 'idempotency_key_reused' });

    const payment = input.flagged ? await flaggedPayment(tx, order, input) : await refundablePayment(tx, order.id, input.paymentId);
    if (!payment.ok) return payment;
    const { id: paymentId, amount: captured, currency } = payment.value;

    const [committed] = await tx
      .select({ sum: sql<number>`coalesce(sum(${refunds.amount}), 0)::int` })
      .from(refunds)
      .where(and(eq(refunds.paymentId, paymentId), ne(refunds.status, 'failed')));
    // A dispute's loss (an accepted chargeback, a lost one) is money gone from this payment as surely as a refund.
    const disputed = await disputeLossOnPayment(tx, paymentId);
    const amount = resolveRefundAmount(captured, (committed?.sum ?? 0) + disputed, input.amount);
    if (!amount.ok) return err({ code: 'refund_exceeds_remaining', ...amount.error, currency });

    const lines = await restockLines(tx, order.id, input.restock ?? []);
    if (!lines.ok) return err({ code: 'invalid_input', message: lines.error });

    const [refund] = await tx
      .insert(refunds)
      .values({
        paymentId,
        orderId: order.id,
        amount: amount.value,
        currency,
        reason: input.reason,
        origin: input.actor.kind,
        idempotencyKey: input.idempotencyKey,
        requestFingerprint: fingerprint,
        requestedBy: input.actor.kind === 'admin' ? input.actor.userId : null,
        restockLines: lines.value,
      })
      .onConflictDoNothing({ target: refunds.idempotencyKey })
      .returning();
    if (!refund) {
      // The same key on another order, committed meanwhile (each order's lock serialises only its own refunds).
      const raced = await byKey(tx, input.idempotencyKey);
      if (raced?.requestFingerprint === fingerprint) return ok({ refund: raced, created: false });
      return err({ code: 'idempotency_key_reused' });
    }
    await recordAudit(tx, {
      actor: auditActorOf(input.actor),
      action: 'refund.requested',
      entityType: 'refund',
      entityId: refund.id,
      after: { status: 'requested', amount: amount.value, currency, paymentId, restock: lines.value },
      metadata: { orderId: order.id, reason: input.reason, idempotencyKey: input.idempotencyKey },
    });
    return ok({ refund, created: true });
  });
}

async function byKey(tx: Tx, key: string): Promise<RefundRow | undefined> {
  const [row] = await tx.select().from(refunds).where(eq(refunds.idempotencyKey, key));
  return row;
}

/**
 * A flagged payment an admin gives back instead of accepting (resolve → refund), locked: still `needs_review` (an
 * accept that won the order's lock first leaves it `paid`, and this refund is refused), with no refund under way. Its
 * amount becomes what Paystack captured for the shop, so the refund gives back exactly that, and the stock the order
 * still holds returns to the shelf: this order will not be fulfilled.
 */
async function flaggedPayment(
  tx: Tx,
  order: typeof orders.$inferSelect,
  input: RequestRefundInput & { flagged?: { captured: number } },
): Promise<Result<typeof payments.$inferSelect, RefundError>> {
  const [payment] = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, order.id), eq(payments.id, input.paymentId ?? '00000000-0000-0000-0000-000000000000')))
    .for('update');
  if (!payment) return err({ code: 'invalid_input', message: 'That payment does not belong to this order' });
  if (payment.status !== 'needs_review') return err({ code: 'payment_not_flagged', status: payment.status });
  const [underWay] = await tx
    .select({ id: refunds.id })
    .from(refunds)
    .where(and(eq(refunds.paymentId, payment.id), ne(refunds.status, 'failed')))
    .limit(1);
  if (underWay) return err({ code: 'payment_not_flagged', status: 'being refunded' });
  const actor = auditActorOf(input.actor);
  const captured = input.flagged?.captured ?? payment.amount;
  if (captured !== payment.amount) {
    await tx.update(payments).set({ amount: captured }).where(eq(payments.id, payment.id));
    await recordAudit(tx, {
      actor,
      action: 'payment.captured_amount',
      entityType: 'payment',
      entityId: payment.id,
      before: { amount: payment.amount },
      after: { amount: captured },
      metadata: { orderId: order.id, reason: input.reason },
    });
  }
  if (order.status === 'paid_needs_attention') await releaseHoldsOfRefundedOrder(tx, order.id, actor);
  return ok({ ...payment, amount: captured });
}

/** The payment to refund, locked: the one named, or the order's earliest capture that still has money on it. */
async function refundablePayment(tx: Tx, orderId: string, paymentId: string | undefined): Promise<Result<typeof payments.$inferSelect, RefundError>> {
  const rows = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), paymentId ? eq(payments.id, paymentId) : undefined))
    .orderBy(asc(payments.paidAt), asc(payments.createdAt))
    .for('update');
  if (paymentId && rows.length === 0) return err({ code: 'invalid_input', message: 'That payment does not belong to this order' });
  const refundable = rows.filter((row) => (REFUNDABLE_PAYMENT_STATUSES as readonly string[]).includes(row.status));
  const payment = refundable.find((row) => row.refundedAmount < row.amount) ?? refundable[0];
  if (!payment) return err({ code: 'not_refundable', status: rows.find((row) => row.paidAt)?.status ?? rows[0]?.status ?? 'unpaid' });
  return ok(payment);
}

/**
 * Stock that left the shelf for this order (committed holds), what shipped, and what earlier refunds already put back or
 * will (cancelled before shipping, or came back after): the same facts the shipping use case decides on, under the
 * same order lock.
 */
async function restockLines(tx: Tx, orderId: string, lines: readonly RestockLine[]): Promise<Result<RestockLine[], string>> {
  if (lines.length === 0) return ok([]);
  const facts = await loadLineFacts(tx, orderId);
  const sold = new Map(facts.filter((fact) => fact.sold > 0).map((fact) => [fact.variantId, fact.sold]));
  const cancelled = new Map(facts.map((fact) => [fact.variantId, fact.cancelled]));
  const shipped = new Map(facts.map((fact) => [fact.variantId, fact.shipped]));
  const returned = new Map(facts.map((fact) => [fact.variantId, fact.returned]));
  return checkRestockLines(lines, sold, cancelled, { shipped, returned });
}
