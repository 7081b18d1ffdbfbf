// Emails a fresh guest order link to the address on the order (never to an address the requester names), for a
// shopper whose link has expired. One per request: the caller rate-limits how often an order may ask.
import { eq } from 'drizzle-orm';
import { createElement } from 'react';
import { orders } from '../../db/schema';
import { ORDER_LINK_TTL_MS } from '../orders/order-access';
import { shopOfOrder } from '../settings/order-settings-snapshot';
import { customerOrderUrl } from './links';
import type { OrderEmailDeps } from './order-emails';
import { sendEmailOnce } from './send-email';
import { OrderLinkEmail } from './templates/order-link';
import { renderEmail } from './templates/render';

export async function sendFreshOrderLink(deps: OrderEmailDeps, orderId: string, requestId: string): Promise<'sent' | 'not_a_guest_order'> {
  const [order] = await deps.db.select().from(orders).where(eq(orders.id, orderId));
  if (!order || order.userId !== null) return 'not_a_guest_order';
  const shop = deps.shop ?? shopOfOrder(order);
  const { html, text } = await renderEmail(
    createElement(OrderLinkEmail, {
      shopName: shop.name,
      siteUrl: deps.siteUrl,
      orderNumber: order.number,
      orderUrl: customerOrderUrl(deps.siteUrl, deps.orderAccessSecret, order),
      validDays: ORDER_LINK_TTL_MS / (24 * 60 * 60 * 1000),
    }),
  );
  await sendEmailOnce(deps, {
    kind: 'order_link',
    dedupeKey: `order_link:${orderId}:${requestId}`,
    orderId,
    to: order.email,
    subject: `Your link to order ${order.number}`,
    html,
    text,
  });
  return 'sent';
}
