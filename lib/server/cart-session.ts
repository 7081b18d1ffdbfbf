// The cart's session glue: who owns the cart of this request (the signed-in user, else the guest named by the
// `cart_session` cookie) and how that cookie is issued and rotated. Route handlers pass their Request so they read
// the cookie from it (and tests can call them directly); server actions and pages read it through next/headers.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { cookies } from 'next/headers';
import { isCartSessionId } from '@/lib/cart/cart-keys';
import type { CartDeps } from '@/lib/cart/cart-store';
import type { CartOwner } from '@/lib/cart/types';
import { env } from '@/lib/env';
import { redisTtlSeconds } from '@/lib/redis';
import { getCurrentUser } from './auth';
import { doorDeps } from './door-deps';
import { readCookie } from './request-meta';

export const CART_SESSION_COOKIE = 'cart_session';

export interface CartSessionCookie {
  name: typeof CART_SESSION_COOKIE;
  value: string;
  options: { httpOnly: true; sameSite: 'lax'; secure: boolean; path: '/'; maxAge: number };
}

/** 24 random bytes, base64url: unguessable, and safe inside a Redis key. */
export function newCartSessionId(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * httpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs), Secure in production. The one
 * exception is a production build served over plain http on this machine's loopback (the local stack and e2e
 * tests): there no https exists, and cookie jars outside browsers drop Secure cookies on http.
 */
export function cartSessionCookie(value: string): CartSessionCookie {
  const { NODE_ENV, NEXTAUTH_URL } = env();
  const site = new URL(NEXTAUTH_URL);
  const loopbackHttp = site.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(site.hostname);
  return {
    name: CART_SESSION_COOKIE,
    value,
    options: { httpOnly: true, sameSite: 'lax', secure: NODE_ENV === 'production' && !loopbackHttp, path: '/', maxAge: redisTtlSeconds.guestCart },
  };
}

export function cartDeps(): CartDeps {
  const deps = doorDeps();
  return { db: deps.db, redis: deps.redis() };
}

async function cartSessionId(request?: Request): Promise<string | null> {
  const value = request ? readCookie(request.headers.get('cookie') ?? undefined, CART_SESSION_COOKIE) : (await cookies()).get(CART_SESSION_COOKIE)?.value;
  // A forged or mangled value is treated as no cookie at all: it never reaches a Redis key.
  return isCartSessionId(value) ? value : null;
}

/** The cart this request reads and writes, or null for a guest who has no cart cookie yet. */
export async function getCartOwner(request?: Request): Promise<CartOwner | null> {
  const user = await getCurrentUser();
  if (user) return { kind: 'user', userId: user.id };
  const sessionId = await cartSessionId(request);
  return sessionId ? { kind: 'guest', sessionId } : null;
}

/**
 * Like getCartOwner, but a first-time guest gets a new session id. `issue` is the cookie the caller must set on its
 * response (route handlers) or through next/headers (server actions) — only when the write succeeded.
 */
export async function getOrIssueCartOwner(request?: Request): Promise<{ owner: CartOwner; issue: CartSessionCookie | null }> {
  return issueCartOwner(await getCartOwner(request));
}

/** The owner as it is, or a new guest session whose cookie the caller sets once its write succeeded. */
export function issueCartOwner(owner: CartOwner | null): { owner: CartOwner; issue: CartSessionCookie | null } {
  if (owner) return { owner, issue: null };
  const sessionId = newCartSessionId();
  return { owner: { kind: 'guest', sessionId }, issue: cartSessionCookie(sessionId) };
}

/** For server actions: sets (or rotates) the cart cookie through next/headers. */
export async function setCartSessionCookie(cookie: CartSessionCookie): Promise<void> {
  (await cookies()).set(cookie.name, cookie.value, cookie.options);
}
