// A payment flagged `needs_review` (its amount, currency or mode did not match; the order `paid_needs_attention`)
// settled by a person, from the admin payment or order page or `POST /api/admin/payments/:id/resolve`:
// - accept: the money stands. Paystack is asked first what it captured for the shop; then, in ONE transaction under
//   the order's lock, the payment moves to `paid` through its state machine (reason and admin audited) and the order
//   follows the late-payment rules of the payment commit: its holds are committed, or — if they ran out — the stock is
//   sold again from what is available, all lines or none; when it is gone the order stays `paid_needs_attention` and a
//   full refund is queued, as for any late payment whose stock was sold.
// - refund: the money goes back in full, through the refund use case (the payment's amount becomes what Paystack
//   captured, the order's held stock returns to the shelf, in the transaction that records the refund).
// Both lock the order row first and require the payment to be still flagged with no refund under way, so an accept
// racing a refund of the same payment: exactly one wins, the other is told the payment is no longer waiting (409).
// A charge in another currency or mode cannot be accepted or refunded from here (the shop's records are in the order's
// currency): that one is settled in Paystack's dashboard, and its refund webhook records it.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { inventoryReservations, orders, payments, refunds, users } from '../../db/schema';
import { type AuditActor, recordAudit } from '../audit/record-audit';
import { subtractUserCartLines } from '../cart/cart-postgres';
import { err, ok, type Result } from '../core/result';
import { describeInputError } from '../errors';
import { crossedLowStock } from '../inventory/commit-stock';
import { commitReservations } from '../inventory/reservation-status';
import { transitionLockedOrder } from '../orders/order-status';
import { enqueue } from '../outbox/enqueue';
import { requestRefund } from '../refunds/request-refund';
import type { RefundError, RefundView } from '../refunds/types';
import type { RefundDeps } from '../refunds/submit-refund';
import { type CommitEffects, commitHolds, resellLatePayment } from './commit-payment';
import type { ConfirmedCharge } from './confirmed-charge';
import { transitionPayment } from './payment-status';
import { describePaystackError } from './paystack/errors';

export const resolveActions = ['accept', 'refund'] as const;
export type ResolveAction = (typeof resolveActions)[number];

export const resolveInputSchema = z.object({
  paymentId: z.uuid(),
  action: z.enum(resolveActions),
  reason: z.string().trim().min(1, 'Give a reason').max(500),
  adminId: z.uuid(),
});
export type ResolveInput = z.input<typeof resolveInputSchema>;

export interface ResolveDeps extends RefundDeps {
  expectedDomain: 'test' | 'live';
}

export type ResolveOutcome =
  | {
      action: 'accept';
      paymentId: string;
      orderId: string;
      /** committed: its holds were still there · resold: sold again from available stock · gone: refund queued. */
      stock: 'committed' | 'resold' | 'gone';
      effects: CommitEffects;
    }
  | { action: 'refund'; paymentId: string; orderId: string; refund: RefundView; confirmedByPaystack: boolean };

export type ResolveError =
  | { code: 'invalid_input'; message: string }
  | { code: 'forbidden' }
  | { code: 'payment_not_found' }
  | { code: 'payment_not_flagged'; status: string }
  | { code: 'payment_not_resolvable'; message: string }
  | { code: 'payment_unavailable'; message: string }
  | Exclude<RefundError, { code: 'refund_pending_confirmation' | 'payment_not_flagged' | 'invalid_input' | 'forbidden' }>;

export async function resolveFlaggedPayment(deps: ResolveDeps, raw: ResolveInput): Promise<Result<ResolveOutcome, ResolveError>> {
  const parsed = resolveInputSchema.safeParse(raw);
  if (!parsed.success) return err({ code: 'invalid_input', message: describeInputError(parsed.error) });
  const input = parsed.data;
  const [payment] = await deps.db.select().from(payments).where(eq(payments.id, input.paymentId));
  if (!payment) return err({ code: 'payment_not_found' });
  if (payment.status !== 'needs_review') return err({ code: 'payment_not_flagged', status: payment.status });

  // What Paystack holds for this reference, asked outside any transaction: the stored mismatch is not the only word.
  const verified = await deps.paystack.verifyTransaction(payment.reference);
  if (!verified.ok) return err({ code: 'payment_unavailable', message: `Paystack could not be asked: ${describePaystackError(verified.error)}` });
  const charge = verified.value.charge;
  if (!charge) return err({ code: 'payment_not_resolvable', message: `Paystack says this transaction is ${verified.value.status}, not paid.` });
  if (charge.currency !== payment.currency) {
    return err({
      code: 'payment_not_resolvable',
      message: `Charged in ${charge.currency} for a ${payment.currency} order: settle it in Paystack's dashboard.`,
    });
  }
  if (charge.domain !== deps.expectedDomain) {
    return err({ code: 'payment_not_resolvable', message: `A ${charge.domain}-mode charge cannot settle a ${deps.expectedDomain}-mode order.` });
  }
  // What the shop is paid: what it asked for (the customer may have paid Paystack's fee on top), never more than the charge.
  const captured = Math.min(charge.amount, charge.requestedAmount);
  return input.action === 'accept' ? accept(deps.db, input, charge, captured) : refund(deps, input, payment.orderId, captured);
}

async function refund(
  deps: ResolveDeps,
  input: z.output<typeof resolveInputSchema>,
  orderId: string,
  captured: number,
): Promise<Result<ResolveOutcome, ResolveError>> {
  const result = await requestRefund(deps, {
    orderId,
    paymentId: input.paymentId,
    reason: input.reason,
    actor: { kind: 'admin', userId: input.adminId },
    // A fresh key per resolution: a refund Paystack refused leaves the payment flagged, to be resolved again.
    idempotencyKey: `resolve:${input.paymentId}:${randomUUID()}`,
    flagged: { captured },
  });
  if (result.ok) return ok({ action: 'refund', paymentId: input.paymentId, orderId, refund: result.value, confirmedByPaystack: true });
  const error = result.error;
  if (error.code === 'refund_pending_confirmation') {
    return ok({ action: 'refund', paymentId: input.paymentId, orderId, refund: error.refund, confirmedByPaystack: false });
  }
  if (error.code === 'invalid_input') return err({ code: 'payment_not_found' });
  return err(error);
}

async function accept(
  db: Database,
  input: z.output<typeof resolveInputSchema>,
  charge: ConfirmedCharge,
  captured: number,
): Promise<Result<ResolveOutcome, ResolveError>> {
  const actor: AuditActor = { type: 'admin', id: input.adminId };
  return db.transaction(async (tx): Promise<Result<ResolveOutcome, ResolveError>> => {
    // The role as it is now in the database, not as a session remembered it.
    const [admin] = await tx.select({ role: users.role }).from(users).where(eq(users.id, input.adminId));
    if (admin?.role !== 'admin') return err({ code: 'forbidden' });
    // The shop's lock order: order → payment → reservations → variants.
    const [order] = await tx
      .select()
      .from(orders)
      .where(inArray(orders.id, tx.select({ orderId: payments.orderId }).from(payments).where(eq(payments.id, input.paymentId))))
      .for('update');
    const [payment] = await tx.select().from(payments).where(eq(payments.id, input.paymentId)).for('update');
    if (!order || !payment) return err({ code: 'payment_not_found' });
    if (payment.status !== 'needs_review') return err({ code: 'payment_not_flagged', status: payment.status });
    const [underWay] = await tx
      .select({ id: refunds.id })
      .from(refunds)
      .where(and(eq(refunds.paymentId, payment.id), ne(refunds.status, 'failed')))
      .limit(1);
    if (underWay) return err({ code: 'payment_not_flagged', status: 'being refunded' });
    if (order.status !== 'paid_needs_attention') {
      return err({
        code: 'payment_not_resolvable',
        message: `The order is already ${order.status.replaceAll('_', ' ')}: it does not need this money. Refund it instead.`,
      });
    }

    const holds = await tx
      .select({
        id: inventoryReservations.id,
        variantId: inventoryReservations.variantId,
        quantity: inventoryReservations.quantity,
        status: inventoryReservations.status,
      })
      .from(inventoryReservations)
      .where(eq(inventoryReservations.orderId, order.id))
      .orderBy(asc(inventoryReservations.variantId))
      .for('update', { of: inventoryReservations });
    const late = holds.some((hold) => hold.status !== 'active');
    const sales = late ? await resellLatePayment(tx, holds) : await commitHolds(tx, holds);
    const honoured = sales !== null;

    await transitionPayment(tx, payment.id, 'paid', {
      extra: {
        amount: captured,
        gatewayTransactionId: charge.gatewayTransactionId,
        channel: charge.channel,
        feesAmount: charge.feesAmount,
        paidAt: charge.paidAt ?? sql`now()`,
        failureReason: null,
      },
      audit: {
        actor,
        action: 'payment.accepted',
        before: { status: payment.status, amount: payment.amount, flagged: payment.failureReason },
        after: { status: 'paid', amount: captured },
        metadata: { orderId: order.id, reason: input.reason },
      },
    });
    if (honoured) {
      await transitionLockedOrder(tx, order, 'paid', {
        extra: { paidAt: charge.paidAt ?? new Date() },
        // The same entries as the payment commit's (a late one is a late payment), marked as decided by a person.
        audit: {
          actor,
          action: late ? 'order.paid_late' : 'order.paid',
          before: { status: order.status },
          after: { status: 'paid' },
          metadata: { reason: input.reason, afterReview: true },
        },
      });
      await commitReservations(
        tx,
        holds.map((hold) => ({ ...hold, orderId: order.id })),
        actor,
        { extra: { committedAt: sql`now()` } },
      );
      await recordAudit(
        tx,
        holds.map((hold) => ({
          actor,
          action: 'stock.committed',
          entityType: 'variant' as const,
          entityId: hold.variantId,
          after: { quantity: hold.quantity, orderId: order.id },
        })),
      );
      if (order.userId) await subtractUserCartLines(tx, order.userId, holds);
      await enqueue(tx, [{ event: 'order/paid', payload: { orderId: order.id, paymentId: payment.id }, dedupeKey: payment.id }]);
      const lowStock = crossedLowStock(sales);
      if (lowStock.length > 0)
        await enqueue(tx, [{ event: 'inventory/low-stock', payload: { variantIds: lowStock, saleId: payment.id }, dedupeKey: payment.id }]);
    } else {
      // The late-payment rule: the stock was sold meanwhile, so the accepted money goes back in full.
      await recordAudit(tx, {
        actor,
        action: 'order.paid_late',
        entityType: 'order',
        entityId: order.id,
        before: { status: order.status },
        after: { status: order.status, stock: 'gone' },
        metadata: { reason: input.reason, afterReview: true },
      });
      await enqueue(tx, [
        {
          event: 'refund/requested',
          payload: {
            orderId: order.id,
            paymentId: payment.id,
            amount: captured,
            currency: payment.currency,
            reason: 'Accepted after review, but the stock was sold meanwhile',
          },
          dedupeKey: payment.id,
        },
        {
          event: 'payment/needs-attention',
          payload: {
            orderId: order.id,
            paymentId: payment.id,
            problems: ['accepted after review, but the stock was sold meanwhile: a full refund is queued'],
            topic: `accepted:${payment.id}`,
          },
          dedupeKey: `accepted:${payment.id}`,
        },
      ]);
    }
    return ok({
      action: 'accept',
      paymentId: payment.id,
      orderId: order.id,
      stock: honoured ? (late ? 'resold' : 'committed') : 'gone',
      effects: { orderId: order.id, userId: order.userId, reference: payment.reference },
    });
  });
}
