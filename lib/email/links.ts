// Absolute links put in emails. Account orders open on the account page (sign-in required); guest orders carry the
// signed token, the only proof a guest has.
import { signOrderAccess } from '../orders/order-access';

export interface OrderOwner {
  id: string;
  userId: string | null;
}

export function absoluteUrl(siteUrl: string, path: string): string {
  return `${siteUrl.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

const withToken = (path: string, secret: string, order: OrderOwner) => (order.userId === null ? `${path}?token=${signOrderAccess(secret, order.id)}` : path);

/** `/account/orders/:id`, or `/orders/:id?token=…` for a guest order. */
export function customerOrderUrl(siteUrl: string, secret: string, order: OrderOwner): string {
  return absoluteUrl(siteUrl, order.userId === null ? withToken(`/orders/${order.id}`, secret, order) : `/account/orders/${order.id}`);
}

/** The invoice PDF route (GET /api/orders/:id/invoice, with `?token=` for a guest order). */
export function invoicePdfUrl(siteUrl: string, secret: string, order: OrderOwner): string {
  return absoluteUrl(siteUrl, withToken(`/api/orders/${order.id}/invoice`, secret, order));
}

export function adminOrderUrl(siteUrl: string, orderId: string): string {
  return absoluteUrl(siteUrl, `/admin/orders/${orderId}`);
}
