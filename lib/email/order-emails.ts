// The emails an order's jobs send: confirmation and receipt to the customer, an alert to every admin. Each loads what
// it needs, renders, and goes through sendEmailOnce with a key per order × kind, so a retried job never sends twice.
// Pass the database itself, not a transaction: sendEmailOnce commits its claim before talking to SMTP.
import { and, asc, eq } from 'drizzle-orm';
import { createElement, type ReactElement } from 'react';
import { invoices, orderItems, orders, payments, users } from '../../db/schema';
import { formatMoney, money } from '../core/money';
import { deliveryLabel } from '../orders/delivery-label';
import { formatVatRate } from '../invoices/vat';
import { deliveryOfOrder, shopOfOrder } from '../settings/order-settings-snapshot';
import { adminOrderUrl, customerOrderUrl, invoicePdfUrl } from './links';
import { sendToEachAdmin } from './admin-emails';
import type { OrderEmailDeps } from './order-email-deps';
import { type EmailToSend, type SendEmailOutcome, sendEmailOnce } from './send-email';
import { OrderConfirmationEmail } from './templates/order-confirmation';
import { PaymentAlertEmail } from './templates/payment-alert';
import { PaymentReceiptEmail } from './templates/payment-receipt';
import { renderEmail } from './templates/render';
import { greetingName } from './greeting-name';

export type { OrderEmailDeps };

export type SkipReason = 'order_not_found' | 'order_not_paid' | 'payment_not_found' | 'payment_not_captured' | 'no_admins';
export type OrderEmailOutcome = SendEmailOutcome | { status: 'skipped'; reason: SkipReason };

/** Orders whose customer has paid and should hear about it. */
const CONFIRMABLE = ['paid', 'partially_fulfilled', 'fulfilled', 'partially_refunded', 'refunded'] as const;
const CAPTURED = ['paid', 'partially_refunded', 'refunded'] as const;

export const orderEmailKeys = {
  confirmation: (orderId: string) => `order_confirmation:${orderId}`,
  receipt: (orderId: string, paymentId: string) => `payment_receipt:${orderId}:${paymentId}`,
  alert: (orderId: string, adminId: string, paymentId?: string, topic?: string) =>
    `payment_alert:${orderId}:${paymentId ?? 'order'}:${topic ? `${topic}:` : ''}${adminId}`,
};

async function send(deps: OrderEmailDeps, email: Omit<EmailToSend, 'html' | 'text'>, element: ReactElement): Promise<SendEmailOutcome> {
  const { html, text } = await renderEmail(element);
  return sendEmailOnce(deps, { ...email, html, text });
}

async function loadOrder(deps: OrderEmailDeps, orderId: string) {
  const [order] = await deps.db.select().from(orders).where(eq(orders.id, orderId));
  return order ?? null;
}

export async function sendOrderConfirmation(deps: OrderEmailDeps, orderId: string): Promise<OrderEmailOutcome> {
  const order = await loadOrder(deps, orderId);
  if (!order) return { status: 'skipped', reason: 'order_not_found' };
  if (!(CONFIRMABLE as readonly string[]).includes(order.status)) return { status: 'skipped', reason: 'order_not_paid' };
  const currency = order.currency;
  const [items, [invoice]] = await Promise.all([
    deps.db.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(asc(orderItems.productTitle), asc(orderItems.variantTitle)),
    deps.db.select({ number: invoices.number }).from(invoices).where(eq(invoices.orderId, orderId)),
  ]);
  // The shop, delivery and VAT as they were when the order was placed (its settings snapshot), not as they are now.
  const shop = deps.shop ?? shopOfOrder(order);
  const delivery = deliveryOfOrder(order);
  const vat = order.settingsSnapshot?.vat;
  return send(
    deps,
    {
      kind: 'order_confirmation',
      dedupeKey: orderEmailKeys.confirmation(orderId),
      orderId,
      to: order.email,
      subject: `Order ${order.number} confirmed – ${shop.name}`,
    },
    createElement(OrderConfirmationEmail, {
      shopName: shop.name,
      siteUrl: deps.siteUrl,
      customerName: greetingName(order.shippingAddress.fullName),
      orderNumber: order.number,
      lines: items.map((item) => ({
        title: item.productTitle,
        variantTitle: item.variantTitle,
        quantity: item.quantity,
        unitPrice: money(item.unitPriceAmount, currency),
        lineTotal: money(item.lineTotalAmount, currency),
      })),
      subtotal: money(order.subtotalAmount, currency),
      discount: order.discountCode && order.discountAmount > 0 ? { code: order.discountCode, amount: money(order.discountAmount, currency) } : null,
      shipping: money(order.shippingAmount, currency),
      deliveryLabel: deliveryLabel(order),
      deliveryDescription: delivery.description || undefined,
      vat: vat ? { rate: formatVatRate(vat.rateBasisPoints), amount: money(order.taxAmount, currency), added: !vat.pricesIncludeVat } : undefined,
      contact: { email: shop.email, phone: shop.phone },
      total: money(order.totalAmount, currency),
      address: order.shippingAddress,
      addressLabel: order.deliveryOption === 'pickup' ? 'Your details (for collection)' : 'Delivery address',
      orderUrl: customerOrderUrl(deps.siteUrl, deps.orderAccessSecret, order),
      invoiceUrl: invoice ? invoicePdfUrl(deps.siteUrl, deps.orderAccessSecret, order) : null,
      invoiceNumber: invoice?.number ?? null,
    }),
  );
}

export async function sendPaymentReceipt(deps: OrderEmailDeps, input: { orderId: string; paymentId: string }): Promise<OrderEmailOutcome> {
  const order = await loadOrder(deps, input.orderId);
  if (!order) return { status: 'skipped', reason: 'order_not_found' };
  const [payment] = await deps.db
    .select()
    .from(payments)
    .where(and(eq(payments.id, input.paymentId), eq(payments.orderId, input.orderId)));
  if (!payment) return { status: 'skipped', reason: 'payment_not_found' };
  if (!(CAPTURED as readonly string[]).includes(payment.status)) return { status: 'skipped', reason: 'payment_not_captured' };
  const amount = money(payment.amount, payment.currency);
  const shop = deps.shop ?? shopOfOrder(order);
  return send(
    deps,
    {
      kind: 'payment_receipt',
      dedupeKey: orderEmailKeys.receipt(order.id, payment.id),
      orderId: order.id,
      to: order.email,
      subject: `Receipt for ${formatMoney(amount)} – order ${order.number}`,
    },
    createElement(PaymentReceiptEmail, {
      shopName: shop.name,
      siteUrl: deps.siteUrl,
      orderNumber: order.number,
      amount,
      reference: payment.reference,
      paidAt: payment.paidAt ?? order.paidAt ?? payment.updatedAt,
      channel: payment.channel,
      orderUrl: customerOrderUrl(deps.siteUrl, deps.orderAccessSecret, order),
    }),
  );
}

/**
 * One alert per admin (each its own delivery, so a retry after one address failed does not re-send to the others).
 * Tries every admin, then throws the first failure so the job retries the rest.
 */
export async function sendPaymentAlert(
  deps: OrderEmailDeps,
  input: { orderId: string; problems: string[]; paymentId?: string; topic?: string },
): Promise<{ status: 'sent'; deliveries: Array<{ to: string } & SendEmailOutcome> } | { status: 'skipped'; reason: SkipReason }> {
  const order = await loadOrder(deps, input.orderId);
  if (!order) return { status: 'skipped', reason: 'order_not_found' };
  const admins = await deps.db.select({ id: users.id, email: users.email }).from(users).where(eq(users.role, 'admin')).orderBy(asc(users.email));
  if (admins.length === 0) return { status: 'skipped', reason: 'no_admins' };
  const shop = deps.shop ?? shopOfOrder(order);
  const element = createElement(PaymentAlertEmail, {
    shopName: shop.name,
    siteUrl: deps.siteUrl,
    orderNumber: order.number,
    orderTotal: money(order.totalAmount, order.currency),
    customerEmail: order.email,
    problems: input.problems.length > 0 ? input.problems : ['No details were recorded.'],
    adminOrderUrl: adminOrderUrl(deps.siteUrl, order.id),
  });
  const deliveries = await sendToEachAdmin(deps, admins, element, (admin) => ({
    kind: 'payment_alert',
    dedupeKey: orderEmailKeys.alert(order.id, admin.id, input.paymentId, input.topic),
    orderId: order.id,
    subject: `Action needed: payment on order ${order.number}`,
  }));
  return { status: 'sent', deliveries };
}
