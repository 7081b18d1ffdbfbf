// The shopper's shipping email: one per fulfillment (key `order_shipped:<fulfillmentId>` through sendEmailOnce, so a
// retried job never sends twice), with the parcel's lines, carrier, tracking number and tracking link. Pass the
// database itself, not a transaction.
import { eq } from 'drizzle-orm';
import { createElement } from 'react';
import { orders } from '../../db/schema';
import { loadFulfillment } from '../fulfillments/fulfillment-view';
import { shippableOf } from '../fulfillments/fulfillment-rules';
import { loadLineFacts } from '../fulfillments/line-facts';
import { shopOfOrder } from '../settings/order-settings-snapshot';
import { customerOrderUrl } from './links';
import type { OrderEmailDeps } from './order-email-deps';
import { sendEmailOnce, type SendEmailOutcome } from './send-email';
import { ShippingNoticeEmail } from './templates/shipping-notice';
import { renderEmail } from './templates/render';

export type ShippingNoticeOutcome = SendEmailOutcome | { status: 'skipped'; reason: 'fulfillment_not_found' };

export const shippingEmailKey = (fulfillmentId: string) => `order_shipped:${fulfillmentId}`;

export async function sendShippingNotice(deps: OrderEmailDeps, input: { fulfillmentId: string }): Promise<ShippingNoticeOutcome> {
  const fulfillment = await loadFulfillment(deps.db, input.fulfillmentId);
  if (!fulfillment) return { status: 'skipped', reason: 'fulfillment_not_found' };
  const [order] = await deps.db.select().from(orders).where(eq(orders.id, fulfillment.orderId));
  if (!order) return { status: 'skipped', reason: 'fulfillment_not_found' };
  const stillToShip = (await loadLineFacts(deps.db, order.id)).reduce((total, line) => total + shippableOf(line), 0);
  const shop = deps.shop ?? shopOfOrder(order);
  const { html, text } = await renderEmail(
    createElement(ShippingNoticeEmail, {
      shopName: shop.name,
      siteUrl: deps.siteUrl,
      orderNumber: order.number,
      sequence: fulfillment.sequence,
      lines: fulfillment.lines.map((line) => ({ title: line.productTitle, variantTitle: line.variantTitle, quantity: line.quantity })),
      carrier: fulfillment.carrier,
      trackingNumber: fulfillment.trackingNumber,
      trackingUrl: fulfillment.trackingUrl,
      stillToShip,
      orderUrl: customerOrderUrl(deps.siteUrl, deps.orderAccessSecret, order),
    }),
  );
  return sendEmailOnce(deps, {
    kind: 'order_shipped',
    dedupeKey: shippingEmailKey(fulfillment.id),
    orderId: order.id,
    to: order.email,
    subject: `Order ${order.number} has shipped – ${shop.name}`,
    html,
    text,
  });
}
