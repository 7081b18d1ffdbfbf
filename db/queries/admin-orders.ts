// Order reads for the admin console (the orders list is db/queries/admin-order-list.ts): one order with everything an
// admin needs to answer a customer or refund them — lines as sold, customer, payments, what can still be refunded and
// restocked, and the order's audit trail. Callers authorise the admin first; these reads are not scoped to a user.
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { CurrencyCode } from '../../lib/core/money';
import type { DbOrTx } from '../client';
import { auditLogs, inventoryReservations, type OrderSettingsSnapshot, orderItems, orders, payments, refunds, type ShippingAddress, users } from '../schema';

type OrderStatus = (typeof orders.$inferSelect)['status'];
type PaymentRow = typeof payments.$inferSelect;

export interface AdminOrderLine {
  orderItemId: string;
  variantId: string;
  productTitle: string;
  variantTitle: string;
  sku: string;
  unitPriceAmount: number;
  quantity: number;
  lineTotalAmount: number;
  currency: CurrencyCode;
  /** Units that left the shelf, never shipped, and no refund has put (or is putting) back: the most a refund may cancel and restock. */
  restockable: number;
  /** Units handed to a carrier. */
  shipped: number;
  /** Shipped units no refund has taken back to stock yet: the most a refund may restock as returned. */
  returnable: number;
  /** Units that may still ship: sold − shipped − cancelled by refunds (the shipping use case's rule). */
  shippable: number;
}

export interface AdminOrderPayment {
  id: string;
  reference: string;
  status: PaymentRow['status'];
  amount: number;
  currency: CurrencyCode;
  channel: string | null;
  gatewayTransactionId: number | null;
  feesAmount: number | null;
  refundedAmount: number;
  failureReason: string | null;
  paidAt: Date | null;
  createdAt: Date;
}

export interface AdminOrder {
  id: string;
  number: string;
  status: OrderStatus;
  currency: CurrencyCode;
  email: string;
  /** The account that placed it; null for a guest checkout. */
  customer: { id: string; name: string; email: string } | null;
  subtotalAmount: number;
  discountAmount: number;
  discountCode: string | null;
  shippingAmount: number;
  /** VAT contained in the total, and the part of it added on top (prices without VAT). */
  taxAmount: number;
  taxAddedAmount: number;
  totalAmount: number;
  refundedAmount: number;
  deliveryOption: string;
  shippingAddress: ShippingAddress;
  /** The settings in force when it was placed; null for older orders. */
  settingsSnapshot: OrderSettingsSnapshot | null;
  createdAt: Date;
  paidAt: Date | null;
  lines: AdminOrderLine[];
  /** Oldest first, every attempt. */
  payments: AdminOrderPayment[];
  /**
   * What a refund may take now, as the refund use case will decide it: the earliest captured payment with money left
   * on it, minus every refund of it that has not failed (a refund still on its way counts). Null: nothing to refund.
   */
  refundable: { paymentId: string; reference: string; captured: number; remaining: number } | null;
}

const REFUNDABLE_PAYMENT_STATUSES: readonly PaymentRow['status'][] = ['paid', 'partially_refunded'];

export async function getAdminOrder(db: DbOrTx, params: { orderId: string }): Promise<AdminOrder | null> {
  const [order] = await db.select().from(orders).where(eq(orders.id, params.orderId));
  if (!order) return null;
  const [customer, items, paymentRows, refundRows, sold] = await Promise.all([
    order.userId ? db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, order.userId)) : Promise.resolve([]),
    db.select().from(orderItems).where(eq(orderItems.orderId, order.id)).orderBy(asc(orderItems.productTitle), asc(orderItems.variantTitle)),
    db.select().from(payments).where(eq(payments.orderId, order.id)).orderBy(asc(payments.createdAt), asc(payments.id)),
    db
      .select({
        paymentId: refunds.paymentId,
        amount: refunds.amount,
        status: refunds.status,
        restockLines: refunds.restockLines,
        restockedAt: refunds.restockedAt,
      })
      .from(refunds)
      .where(eq(refunds.orderId, order.id)),
    db
      .select({ variantId: inventoryReservations.variantId, quantity: inventoryReservations.quantity })
      .from(inventoryReservations)
      .where(and(eq(inventoryReservations.orderId, order.id), eq(inventoryReservations.status, 'committed'))),
  ]);

  // The same counting as the refund and shipping use cases (lib/fulfillments/line-facts.ts): a refund Paystack refused
  // never restocked; one that failed later did. Lines that came back (returnedToStock) had shipped; the others never did.
  const restocked = new Map<string, number>();
  const returned = new Map<string, number>();
  for (const refund of refundRows) {
    if (refund.status === 'failed' && !refund.restockedAt) continue;
    for (const line of refund.restockLines) {
      const into = line.returnedToStock ? returned : restocked;
      into.set(line.variantId, (into.get(line.variantId) ?? 0) + line.quantity);
    }
  }
  const soldBy = new Map(sold.map((row) => [row.variantId, row.quantity]));

  const committedBy = new Map<string, number>();
  for (const refund of refundRows) {
    if (refund.status !== 'failed') committedBy.set(refund.paymentId, (committedBy.get(refund.paymentId) ?? 0) + refund.amount);
  }
  const captured = paymentRows
    .filter((payment) => REFUNDABLE_PAYMENT_STATUSES.includes(payment.status))
    .sort((a, b) => (a.paidAt?.getTime() ?? Number.MAX_SAFE_INTEGER) - (b.paidAt?.getTime() ?? Number.MAX_SAFE_INTEGER));
  const target = captured.find((payment) => payment.refundedAmount < payment.amount) ?? captured[0];
  const remaining = target ? Math.max(0, target.amount - (committedBy.get(target.id) ?? 0)) : 0;

  return {
    id: order.id,
    number: order.number,
    status: order.status,
    currency: order.currency,
    email: order.email,
    customer: customer[0] ?? null,
    subtotalAmount: order.subtotalAmount,
    discountAmount: order.discountAmount,
    discountCode: order.discountCode,
    shippingAmount: order.shippingAmount,
    taxAmount: order.taxAmount,
    taxAddedAmount: order.taxAddedAmount,
    totalAmount: order.totalAmount,
    refundedAmount: order.refundedAmount,
    deliveryOption: order.deliveryOption,
    shippingAddress: order.shippingAddress,
    settingsSnapshot: order.settingsSnapshot,
    createdAt: order.createdAt,
    paidAt: order.paidAt,
    lines: items.map((item) => ({
      orderItemId: item.id,
      variantId: item.variantId,
      productTitle: item.productTitle,
      variantTitle: item.variantTitle,
      sku: item.sku,
      unitPriceAmount: item.unitPriceAmount,
      quantity: item.quantity,
      lineTotalAmount: item.lineTotalAmount,
      currency: item.currency,
      restockable: Math.max(0, (soldBy.get(item.variantId) ?? 0) - item.shippedQuantity - (restocked.get(item.variantId) ?? 0)),
      shipped: item.shippedQuantity,
      returnable: Math.max(0, item.shippedQuantity - (returned.get(item.variantId) ?? 0)),
      shippable: Math.max(0, (soldBy.get(item.variantId) ?? 0) - item.shippedQuantity - (restocked.get(item.variantId) ?? 0)),
    })),
    payments: paymentRows.map((payment) => ({
      id: payment.id,
      reference: payment.reference,
      status: payment.status,
      amount: payment.amount,
      currency: payment.currency,
      channel: payment.channel,
      gatewayTransactionId: payment.gatewayTransactionId,
      feesAmount: payment.feesAmount,
      refundedAmount: payment.refundedAmount,
      failureReason: payment.failureReason,
      paidAt: payment.paidAt,
      createdAt: payment.createdAt,
    })),
    refundable: target && remaining > 0 ? { paymentId: target.id, reference: target.reference, captured: target.amount, remaining } : null,
  };
}

export interface AuditEntryRow {
  id: number;
  actorType: (typeof auditLogs.$inferSelect)['actorType'];
  actorId: string | null;
  /** The person behind a user or admin entry, when the account still exists. */
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  metadata: unknown;
  createdAt: Date;
}

/**
 * Every audit entry about the order: the order itself, its payments, its refunds, and stock entries (sold, put back)
 * whose `after` or `metadata` names the order. Newest first, at most `limit`.
 */
export async function orderTimeline(db: DbOrTx, params: { orderId: string; limit?: number }): Promise<AuditEntryRow[]> {
  const orderId = params.orderId;
  const paymentIds = db
    .select({ id: sql`${payments.id}::text` })
    .from(payments)
    .where(eq(payments.orderId, orderId));
  const refundIds = db
    .select({ id: sql`${refunds.id}::text` })
    .from(refunds)
    .where(eq(refunds.orderId, orderId));
  return db
    .select({
      id: auditLogs.id,
      actorType: auditLogs.actorType,
      actorId: auditLogs.actorId,
      actorName: users.name,
      action: auditLogs.action,
      entityType: auditLogs.entityType,
      entityId: auditLogs.entityId,
      before: auditLogs.before,
      after: auditLogs.after,
      metadata: auditLogs.metadata,
      createdAt: auditLogs.createdAt,
    })
    .from(auditLogs)
    .leftJoin(users, and(inArray(auditLogs.actorType, ['user', 'admin']), eq(auditLogs.actorId, sql`${users.id}::text`)))
    .where(
      or(
        and(eq(auditLogs.entityType, 'order'), eq(auditLogs.entityId, orderId)),
        and(eq(auditLogs.entityType, 'payment'), inArray(auditLogs.entityId, paymentIds)),
        and(eq(auditLogs.entityType, 'refund'), inArray(auditLogs.entityId, refundIds)),
        and(eq(auditLogs.entityType, 'variant'), or(sql`${auditLogs.after} ->> 'orderId' = ${orderId}`, sql`${auditLogs.metadata} ->> 'orderId' = ${orderId}`)),
      ),
    )
    .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id))
    .limit(Math.min(Math.max(params.limit ?? 200, 1), 500));
}

/** The refund a key already made, if any: the JSON API answers a replay with 200 instead of 201. */
export async function refundIdForKey(db: DbOrTx, params: { idempotencyKey: string }): Promise<string | null> {
  const [row] = await db.select({ id: refunds.id }).from(refunds).where(eq(refunds.idempotencyKey, params.idempotencyKey));
  return row?.id ?? null;
}

/** id → name of the users named (who requested a refund); deleted accounts are simply absent. */
export async function userNames(db: DbOrTx, params: { ids: readonly string[] }): Promise<Map<string, string>> {
  if (params.ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [...new Set(params.ids)]));
  return new Map(rows.map((row) => [row.id, row.name]));
}
