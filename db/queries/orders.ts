// Order reads for shoppers. Every customer-facing read is scoped: to the signed-in owner (`userId`), or to a guest
// order after the caller has verified its signed token. Nothing here returns an order by id alone to a shopper.
import { and, asc, count, desc, eq, gt, isNotNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import {
  creditNotes,
  emailDeliveries,
  fulfillmentLines,
  fulfillments,
  inventoryReservations,
  type OrderSettingsSnapshot,
  orderItems,
  orders,
  payments,
  refunds,
  type ShippingAddress,
} from '../schema';
import type { CurrencyCode } from '../../lib/core/money';

type OrderRow = typeof orders.$inferSelect;

export interface OrderSummary {
  id: string;
  number: string;
  userId: string | null;
  /** The verified account a guest order joined (its history shows it); null otherwise. */
  joinedUserId: string | null;
  email: string;
  status: OrderRow['status'];
  currency: CurrencyCode;
  subtotalAmount: number;
  /** Taken off the subtotal by `discountCode` (0 without a code). */
  discountAmount: number;
  discountCode: string | null;
  shippingAmount: number;
  /** VAT contained in the total; `taxAddedAmount` of it was added on top (prices without VAT). */
  taxAmount: number;
  taxAddedAmount: number;
  totalAmount: number;
  createdAt: Date;
  paidAt: Date | null;
}

export interface OrderDetail extends OrderSummary {
  deliveryOption: string;
  shippingAddress: ShippingAddress;
  /** The shop settings in force when it was placed (delivery as sold, VAT rule, shop contact); null on older orders. */
  settingsSnapshot: OrderSettingsSnapshot | null;
  refundedAmount: number;
  /** An active reservation still inside its 15 minutes: the order can still be paid for. */
  holdLive: boolean;
  /** When the order-confirmation email went out (null: not sent yet, or never). */
  confirmationSentAt: Date | null;
  items: Array<{
    variantId: string;
    productTitle: string;
    variantTitle: string;
    sku: string;
    unitPriceAmount: number;
    quantity: number;
    lineTotalAmount: number;
    currency: CurrencyCode;
  }>;
  /** Newest first; `payments[0]` is the attempt that decides what the shopper sees. */
  payments: Array<{
    reference: string;
    status: (typeof payments.$inferSelect)['status'];
    amount: number;
    currency: CurrencyCode;
    channel: string | null;
    paidAt: Date | null;
    createdAt: Date;
  }>;
  /**
   * Oldest first. A refund Paystack refused on the spot is left out: no money moved and the shopper was never told of
   * it. One that failed after Paystack accepted it stays (the shopper was told it is delayed).
   */
  refunds: Array<{
    id: string;
    amount: number;
    currency: CurrencyCode;
    status: (typeof refunds.$inferSelect)['status'];
    createdAt: Date;
    processedAt: Date | null;
    /**
     * The credit note issued for it (an invoiced order's accepted refund), to download beside the invoice.
     * `cancelledAt` is set when the refund failed afterwards: the note is kept (gapless series) but credited nothing.
     */
    creditNote: { id: string; number: string; cancelledAt: Date | null } | null;
  }>;
  /** Parcels handed to a carrier, oldest first, with how to follow each. */
  shipments: Array<{
    id: string;
    sequence: number;
    carrier: string;
    trackingNumber: string;
    trackingUrl: string | null;
    shippedAt: Date;
    lines: Array<{ productTitle: string; variantTitle: string; quantity: number }>;
  }>;
}

const summaryColumns = {
  id: orders.id,
  number: orders.number,
  userId: orders.userId,
  joinedUserId: orders.joinedUserId,
  email: orders.email,
  status: orders.status,
  currency: orders.currency,
  subtotalAmount: orders.subtotalAmount,
  discountAmount: orders.discountAmount,
  discountCode: orders.discountCode,
  shippingAmount: orders.shippingAmount,
  taxAmount: orders.taxAmount,
  taxAddedAmount: orders.taxAddedAmount,
  totalAmount: orders.totalAmount,
  createdAt: orders.createdAt,
  paidAt: orders.paidAt,
};

const confirmationSentAt = sql<Date | null>`(SELECT max(${emailDeliveries.sentAt}) FROM ${emailDeliveries} WHERE ${and(
  eq(emailDeliveries.orderId, orders.id),
  eq(emailDeliveries.kind, 'order_confirmation'),
  eq(emailDeliveries.status, 'sent'),
)})`.mapWith((value: string | Date | null) => (value === null ? null : new Date(value)));

const holdLive = sql<boolean>`EXISTS (SELECT 1 FROM ${inventoryReservations} WHERE ${and(
  eq(inventoryReservations.orderId, orders.id),
  eq(inventoryReservations.status, 'active'),
  gt(inventoryReservations.reservedUntil, sql`now()`),
)})`;

async function loadDetail(db: DbOrTx, where: SQL | undefined): Promise<OrderDetail | null> {
  const [order] = await db
    .select({
      ...summaryColumns,
      deliveryOption: orders.deliveryOption,
      shippingAddress: orders.shippingAddress,
      settingsSnapshot: orders.settingsSnapshot,
      refundedAmount: orders.refundedAmount,
      holdLive,
      confirmationSentAt,
    })
    .from(orders)
    .where(where);
  if (!order) return null;
  const [items, paymentRows, refundRows, shipmentRows, shipmentLines] = await Promise.all([
    db
      .select({
        variantId: orderItems.variantId,
        productTitle: orderItems.productTitle,
        variantTitle: orderItems.variantTitle,
        sku: orderItems.sku,
        unitPriceAmount: orderItems.unitPriceAmount,
        quantity: orderItems.quantity,
        lineTotalAmount: orderItems.lineTotalAmount,
        currency: orderItems.currency,
      })
      .from(orderItems)
      .where(eq(orderItems.orderId, order.id))
      .orderBy(asc(orderItems.productTitle), asc(orderItems.variantTitle)),
    db
      .select({
        reference: payments.reference,
        status: payments.status,
        amount: payments.amount,
        currency: payments.currency,
        channel: payments.channel,
        paidAt: payments.paidAt,
        createdAt: payments.createdAt,
      })
      .from(payments)
      .where(eq(payments.orderId, order.id))
      .orderBy(desc(payments.createdAt), desc(payments.id)),
    db
      .select({
        id: refunds.id,
        amount: refunds.amount,
        currency: refunds.currency,
        status: refunds.status,
        createdAt: refunds.createdAt,
        processedAt: refunds.processedAt,
        creditNoteId: creditNotes.id,
        creditNoteNumber: creditNotes.number,
        creditNoteCancelledAt: creditNotes.cancelledAt,
      })
      .from(refunds)
      .leftJoin(creditNotes, eq(creditNotes.refundId, refunds.id))
      .where(and(eq(refunds.orderId, order.id), or(ne(refunds.status, 'failed'), isNotNull(refunds.gatewayRefundId))))
      .orderBy(asc(refunds.createdAt), asc(refunds.id)),
    db
      .select({
        id: fulfillments.id,
        sequence: fulfillments.sequence,
        carrier: fulfillments.carrier,
        trackingNumber: fulfillments.trackingNumber,
        trackingUrl: fulfillments.trackingUrl,
        shippedAt: fulfillments.createdAt,
      })
      .from(fulfillments)
      .where(eq(fulfillments.orderId, order.id))
      .orderBy(asc(fulfillments.sequence)),
    db
      .select({
        fulfillmentId: fulfillmentLines.fulfillmentId,
        productTitle: orderItems.productTitle,
        variantTitle: orderItems.variantTitle,
        quantity: fulfillmentLines.quantity,
      })
      .from(fulfillmentLines)
      .innerJoin(fulfillments, eq(fulfillments.id, fulfillmentLines.fulfillmentId))
      .innerJoin(orderItems, eq(orderItems.id, fulfillmentLines.orderItemId))
      .where(eq(fulfillments.orderId, order.id))
      .orderBy(asc(orderItems.productTitle), asc(orderItems.variantTitle)),
  ]);
  const shipments = shipmentRows.map((row) => ({
    ...row,
    lines: shipmentLines.filter((line) => line.fulfillmentId === row.id).map(({ fulfillmentId: _, ...line }) => line),
  }));
  const refundViews = refundRows.map(({ creditNoteId, creditNoteNumber, creditNoteCancelledAt, ...refund }) => ({
    ...refund,
    creditNote: creditNoteId && creditNoteNumber ? { id: creditNoteId, number: creditNoteNumber, cancelledAt: creditNoteCancelledAt } : null,
  }));
  return { ...order, holdLive: Boolean(order.holdLive), items, payments: paymentRows, refunds: refundViews, shipments };
}

/** Any order by id, for callers that authorise the viewer themselves (mayViewOrder; the admin console). */
export function getOrderDetail(db: DbOrTx, orderId: string): Promise<OrderDetail | null> {
  return loadDetail(db, eq(orders.id, orderId));
}

/**
 * A customer's order history: the orders they placed signed in, and the guest orders that joined their verified
 * account (lib/orders/join-guest-orders.ts). Both columns are indexed with created_at.
 */
const inHistoryOf = (userId: string) => or(eq(orders.userId, userId), eq(orders.joinedUserId, userId));

/** A signed-in customer's own order; null for anyone else's (callers answer 404, never 403). */
export function getOrderForUser(db: DbOrTx, params: { orderId: string; userId: string }): Promise<OrderDetail | null> {
  return loadDetail(db, and(eq(orders.id, params.orderId), inHistoryOf(params.userId)));
}

export interface OrderListPage {
  items: OrderSummary[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

/** The signed-in customer's orders, newest first; pages past the end are clamped to the last one. */
export async function listOrdersForUser(db: DbOrTx, params: { userId: string; page?: number; pageSize?: number }): Promise<OrderListPage> {
  const pageSize = Math.min(Math.max(params.pageSize ?? 10, 1), 50);
  const [{ total }] = (await db.select({ total: count() }).from(orders).where(inHistoryOf(params.userId))) as [{ total: number }];
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(Math.trunc(params.page ?? 1) || 1, 1), pageCount);
  const items = await db
    .select(summaryColumns)
    .from(orders)
    .where(inHistoryOf(params.userId))
    // id breaks ties so two orders placed in the same microsecond never swap between pages
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items, total, page, pageSize, pageCount };
}

/** The return page's lookup: which order a Paystack reference belongs to. Not a shopper read by itself. */
export async function findPaymentByReference(db: DbOrTx, reference: string) {
  const [row] = await db
    .select({ id: payments.id, orderId: payments.orderId, status: payments.status, orderUserId: orders.userId })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(eq(payments.reference, reference));
  return row ?? null;
}

/** For the checkout use case continuing its own remembered order (never for a shopper-supplied id). */
export async function findOrderSummary(db: DbOrTx, orderId: string): Promise<OrderSummary | null> {
  const [row] = await db.select(summaryColumns).from(orders).where(eq(orders.id, orderId));
  return row ?? null;
}
