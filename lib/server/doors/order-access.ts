// Who may see an order, for pages and route handlers: the signed-in owner of an account order, or — for a guest
// order — whoever holds its signed token (in a link, or in the httpOnly cookie the checkout set in the browser that
// placed it). Anyone else gets null, and callers answer "not found" so an order's existence never leaks.
import 'server-only';
import { cookies } from 'next/headers';
import { db } from '@/db';
import { getOrderDetail, type OrderDetail } from '@/db/queries/orders';
import { env } from '@/lib/core/env';
import { isUuid } from '@/lib/is-uuid';
import { mayViewOrder, signOrderAccess, verifyOrderAccess } from '@/lib/orders/order-access';
import { getCurrentUser } from './auth';
import { cartSessionCookie } from './cart-session';

export const ORDER_ACCESS_COOKIE = 'order_access';

/** The guest link token of an order; null for account orders, which only their signed-in owner may open. */
export function guestAccessToken(order: { id: string; userId: string | null }): string | null {
  return order.userId === null ? signOrderAccess(env().NEXTAUTH_SECRET, order.id) : null;
}

/** For server actions: lets this browser open its guest order when Paystack sends it back (SameSite=Lax travels on that GET). */
export async function rememberGuestOrder(order: { id: string; userId: string | null }): Promise<void> {
  const token = guestAccessToken(order);
  if (!token) return;
  // Same httpOnly / SameSite=Lax / Secure rules as the cart cookie; a day is plenty to come back from paying.
  const { options } = cartSessionCookie('');
  (await cookies()).set(ORDER_ACCESS_COOKIE, `${order.id}.${token}`, { ...options, maxAge: 24 * 60 * 60 });
}

async function tokenFromCookie(orderId: string): Promise<string | null> {
  const value = (await cookies()).get(ORDER_ACCESS_COOKIE)?.value ?? '';
  // `<orderId>.<token>`, and the token has a dot of its own: split at the first one only.
  const dot = value.indexOf('.');
  return dot > 0 && value.slice(0, dot) === orderId ? value.slice(dot + 1) : null;
}

export interface ViewableOrder {
  order: OrderDetail;
  /** For guest orders: the token to put in links and polling URLs. */
  accessToken: string | null;
  viewer: 'owner' | 'guest';
}

/**
 * The order if this request may see it (the rule is mayViewOrder's). `token` comes from a link (`?token=`);
 * `useCookie` also accepts the checkout's cookie (pages only: route handlers take the token explicitly).
 */
export async function orderForViewer(orderId: string, options: { token?: string | null; useCookie?: boolean } = {}): Promise<ViewableOrder | null> {
  if (!isUuid(orderId)) return null;
  const order = await getOrderDetail(db, orderId);
  if (!order) return null;
  const user = await getCurrentUser();
  const secret = env().NEXTAUTH_SECRET;
  const candidates = order.userId === null ? [options.token, options.useCookie ? await tokenFromCookie(orderId) : null] : [];
  const token = candidates.find((candidate) => verifyOrderAccess(secret, orderId, candidate)) ?? null;
  if (!mayViewOrder(order, { userId: user?.id ?? null, token, secret })) return null;
  // A joined guest order seen by its account (no token) is the owner's view, like any order in their history.
  return order.userId === null && token !== null ? { order, accessToken: token, viewer: 'guest' } : { order, accessToken: null, viewer: 'owner' };
}
