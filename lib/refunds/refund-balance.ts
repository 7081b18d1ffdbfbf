// What a refund does to the money on the payment and the order once Paystack has accepted it (or given up on it):
// payments.refunded_amount and orders.refunded_amount move by the refund's amount, and both statuses are recomputed
// from those sums through their state machines — up when a refund is accepted, back down when an accepted one fails.
// The caller holds the order's and the payment's row locks (order first), so the sums cannot change underneath.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { auditLogs, orders, payments } from '../../db/schema';
import type { AuditActor } from '../audit/record-audit';
import { shippingStatusFor } from '../fulfillments/fulfillment-rules';
import { loadLineFacts } from '../fulfillments/line-facts';
import { transitionOrder } from '../orders/order-status';
import { transitionPayment } from '../payments/payment-status';
import { orderRefundedAmount, orderStatusFor, paymentStatusFor, REFUND_TRACKED_ORDER_STATUSES, type RefundTrackedOrderStatus } from './refund-rules';

/** Payments whose money the customer handed over and the shop counts (a flagged one is settled by a person first). */
const CAPTURED_PAYMENT_STATUSES = ['paid', 'partially_refunded', 'refunded'] as const;
const PAYMENT_REFUND_STATUSES = ['needs_review', ...CAPTURED_PAYMENT_STATUSES] as const;
const REFUNDED = ['partially_refunded', 'refunded'];
const SHIPPING_STATUSES = ['paid', 'partially_fulfilled', 'fulfilled'];

export interface BalanceChange {
  orderId: string;
  paymentId: string;
  /** + when Paystack accepted a refund, − when an accepted one failed. */
  delta: number;
  refundId: string;
  actor: AuditActor;
}

export async function changeRefundedBalance(tx: Tx, change: BalanceChange): Promise<void> {
  const [payment] = await tx.select().from(payments).where(eq(payments.id, change.paymentId));
  const [order] = await tx.select().from(orders).where(eq(orders.id, change.orderId));
  if (!payment || !order) throw new Error(`Refund ${change.refundId} has no payment or order`);
  const refunded = payment.refundedAmount + change.delta;
  const metadata = { refundId: change.refundId, delta: change.delta };

  if ((PAYMENT_REFUND_STATUSES as readonly string[]).includes(payment.status)) {
    const restoreTo = REFUNDED.includes(payment.status) ? await statusBeforeRefunds(tx, 'payment', payment.id) : payment.status;
    const target = paymentStatusFor(payment.amount, refunded, restoreTo === 'needs_review' ? 'needs_review' : 'paid');
    if (target !== payment.status) {
      await transitionPayment(tx, payment.id, target, {
        extra: { refundedAmount: refunded },
        audit: {
          actor: change.actor,
          action: 'payment.refund_balance',
          before: { status: payment.status, refundedAmount: payment.refundedAmount },
          after: { status: target, refundedAmount: refunded },
          metadata,
        },
      });
    } else {
      await tx.update(payments).set({ refundedAmount: refunded }).where(eq(payments.id, payment.id));
    }
  } else {
    // Money Paystack refunded on a charge our records never saw land (its webhook is still to come): the sum is kept
    // so the ledger adds up; the status is the charge's own business.
    await tx.update(payments).set({ refundedAmount: refunded }).where(eq(payments.id, payment.id));
  }

  const [net] = await tx
    .select({ paid: sql<number>`coalesce(sum(${payments.amount} - ${payments.refundedAmount}), 0)::int` })
    .from(payments)
    .where(and(eq(payments.orderId, order.id), inArray(payments.status, CAPTURED_PAYMENT_STATUSES)));
  const orderRefunded = orderRefundedAmount(order.totalAmount, net?.paid ?? 0);
  if (!(REFUND_TRACKED_ORDER_STATUSES as readonly string[]).includes(order.status)) {
    // An order that never took the money (cancelled, expired): its status stays, the sum is still recorded.
    await tx.update(orders).set({ refundedAmount: orderRefunded }).where(eq(orders.id, order.id));
    return;
  }
  const current = order.status as RefundTrackedOrderStatus;
  let restoreTo = REFUNDED.includes(current) ? await statusBeforeRefunds(tx, 'order', order.id) : current;
  // Shipments may have gone out while refunds were in flight: a paid order goes back to where they put it.
  if (SHIPPING_STATUSES.includes(restoreTo)) restoreTo = shippingStatusFor(await loadLineFacts(tx, order.id));
  const target = orderStatusFor(order.totalAmount, orderRefunded, restoreTo as Exclude<RefundTrackedOrderStatus, 'partially_refunded' | 'refunded'>);
  if (target === current) {
    await tx.update(orders).set({ refundedAmount: orderRefunded }).where(eq(orders.id, order.id));
    return;
  }
  await transitionOrder(tx, order.id, target, {
    extra: { refundedAmount: orderRefunded },
    audit: {
      actor: change.actor,
      action: 'order.refund_balance',
      before: { status: current, refundedAmount: order.refundedAmount },
      after: { status: target, refundedAmount: orderRefunded },
      metadata,
    },
  });
}

/**
 * Where the order or payment stood before its refunds (paid, fulfilled, needs review, …), read from the audit entry
 * of its latest move from such a status into a refunded one: when every accepted refund failed, it goes back there.
 */
async function statusBeforeRefunds(tx: Tx, entityType: 'order' | 'payment', entityId: string): Promise<string> {
  const [first] = await tx
    .select({ status: sql<string | null>`${auditLogs.before} ->> 'status'` })
    .from(auditLogs)
    .where(
      and(
        eq(auditLogs.entityType, entityType),
        eq(auditLogs.entityId, entityId),
        eq(auditLogs.action, `${entityType}.refund_balance`),
        sql`${auditLogs.before} ->> 'status' NOT IN ('partially_refunded', 'refunded')`,
      ),
    )
    .orderBy(desc(auditLogs.id))
    .limit(1);
  return first?.status ?? 'paid';
}
