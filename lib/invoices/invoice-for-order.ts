// An order's invoice as a PDF, for the job that emails it and the route that serves it. Not scoped to a viewer:
// callers authorise first (the order's owner, a verified guest token, or an admin), as with getGuestOrder.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { invoices, orderItems, orders, payments } from '../../db/schema';
import { deliveryLabel } from '../orders/delivery-label';
import { shopOfOrder } from '../settings/order-settings-snapshot';
import type { ShopDetails } from '../shop';
import { type InvoiceDocument, renderInvoicePdf } from './render-invoice';

/** Statuses of a payment whose money was captured (some of it may since have been refunded). */
const CAPTURED = ['paid', 'partially_refunded', 'refunded'] as const;

/**
 * Everything printed on the invoice, or null when the order has no invoice yet. The seller's details, the delivery and
 * the VAT are the order's own (the settings in force when it was placed), unless a caller passes `shop` (previews).
 */
export async function loadInvoiceDocument(db: DbOrTx, orderId: string, shop?: ShopDetails): Promise<InvoiceDocument | null> {
  const [row] = await db
    .select({ invoice: invoices, order: orders })
    .from(invoices)
    .innerJoin(orders, eq(orders.id, invoices.orderId))
    .where(eq(invoices.orderId, orderId));
  if (!row) return null;
  const { invoice, order } = row;
  const [items, [payment]] = await Promise.all([
    db
      .select({
        productTitle: orderItems.productTitle,
        variantTitle: orderItems.variantTitle,
        sku: orderItems.sku,
        quantity: orderItems.quantity,
        unitPriceAmount: orderItems.unitPriceAmount,
        lineTotalAmount: orderItems.lineTotalAmount,
      })
      .from(orderItems)
      .where(eq(orderItems.orderId, orderId))
      .orderBy(asc(orderItems.productTitle), asc(orderItems.variantTitle)),
    db
      .select({ reference: payments.reference, paidAt: payments.paidAt, channel: payments.channel })
      .from(payments)
      .where(and(eq(payments.orderId, orderId), inArray(payments.status, [...CAPTURED])))
      .orderBy(desc(payments.paidAt), desc(payments.createdAt))
      .limit(1),
  ]);
  return {
    number: invoice.number,
    issuedAt: invoice.issuedAt,
    shop: shop ?? shopOfOrder(order),
    order: {
      number: order.number,
      email: order.email,
      shippingAddress: order.shippingAddress,
      deliveryLabel: deliveryLabel(order),
      currency: order.currency,
      subtotalAmount: order.subtotalAmount,
      discountAmount: order.discountAmount,
      discountCode: order.discountCode,
      shippingAmount: order.shippingAmount,
      totalAmount: order.totalAmount,
      tax: order.settingsSnapshot
        ? {
            amount: order.taxAmount,
            addedAmount: order.taxAddedAmount,
            rateBasisPoints: order.settingsSnapshot.vat.rateBasisPoints,
            pricesIncludeVat: order.settingsSnapshot.vat.pricesIncludeVat,
          }
        : undefined,
      items,
    },
    payment: payment ? { reference: payment.reference, paidAt: payment.paidAt ?? order.paidAt, channel: payment.channel } : null,
  };
}

/** The order's invoice number and PDF; null when no invoice has been allocated yet (see allocateInvoice). */
export async function invoiceForOrder(db: DbOrTx, orderId: string, options: { shop?: ShopDetails } = {}): Promise<{ number: string; pdf: Buffer } | null> {
  const document = await loadInvoiceDocument(db, orderId, options.shop);
  if (!document) return null;
  return { number: document.number, pdf: await renderInvoicePdf(document) };
}
