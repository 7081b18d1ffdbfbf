// The cart's session glue: who owns the cart of this request (the signed-in user, else the guest named by the
// `cart_session` cookie) and how that cookie is issued and rotated. Route handlers pass their Request so they read
// the cookie from it (and tests can call them directly); server actions and pages read it through next/headers.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { cookies } from 'next/headers';
import { CART_SESSION_COOKIE, isCartSessionId } from '@/lib/cart/cart-keys';
import type { CartDeps } from '@/lib/cart/cart-store';
import type { CartOwner } from '@/lib/cart/types';
import { env } from '@/lib/core/env';
import { redisTtlSeconds } from '@/lib/redis';
import { getCurrentUser } from './auth';
import { doorDeps } from '../deps/door-deps';
import { allOf, type RateLimitDecision, type RateLimiter, RateLimitRefusal } from './rate-limit';
import { readCookie } from './request-meta';

export { CART_SESSION_COOKIE } from '@/lib/cart/cart-keys';

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
 * Who asks for a new cart session: new sessions are limited per client address — here, or already by
 * limitCartWrite(…, { opensCart: true }) in the same Redis round trip as the write limits.
 */
export type CartSessionGuard = { limiter: RateLimiter; ip: string } | { limitedWithWrites: true };

const NEW_CARTS_REFUSED = 'Too many new carts from your network. Please wait a few minutes and try again.';

/**
 * The owner as it is, or a new guest session: `issue` is the cookie the caller sets on its response (route handlers)
 * or through next/headers (server actions) — only once its write succeeded. Each guest session can hold an order's
 * worth of stock, so new ones are limited per address (`cartSessionsByIp`): past the limit this throws a
 * RateLimitRefusal, which the doors answer with 429 and Retry-After.
 */
export async function issueCartOwner(owner: CartOwner | null, guard: CartSessionGuard): Promise<{ owner: CartOwner; issue: CartSessionCookie | null }> {
  if (owner) return { owner, issue: null };
  if (!('limitedWithWrites' in guard)) {
    const decision = await guard.limiter.limit('cartSessionsByIp', guard.ip);
    if (!decision.allowed) throw new RateLimitRefusal(decision, NEW_CARTS_REFUSED);
  }
  const sessionId = newCartSessionId();
  return { owner: { kind: 'guest', sessionId }, issue: cartSessionCookie(sessionId) };
}

/**
 * Every cart write (add, change, remove, clear) is limited per cart owner and per address, so a script
 * cannot hammer Redis and the availability queries. Checked before the write; fails closed like every limit here.
 * `opensCart`: a guest with no cart yet gets one from this write, so the new-session limit is asked too — in the
 * same Redis round trip — and its refusal is thrown as a RateLimitRefusal with its own words.
 */
export async function limitCartWrite(
  limiter: RateLimiter,
  owner: CartOwner | null,
  ip: string,
  opts: { opensCart?: boolean } = {},
): Promise<RateLimitDecision> {
  const checks = [limiter.limit('cartWritesByIp', ip)];
  if (owner) checks.push(limiter.limit('cartWritesByOwner', owner.kind === 'user' ? `user:${owner.userId}` : `session:${owner.sessionId}`));
  const newSession = !owner && opts.opensCart ? limiter.limit('cartSessionsByIp', ip) : undefined;
  const [writes, session] = await Promise.all([Promise.all(checks), newSession]);
  if (session && !session.allowed) throw new RateLimitRefusal(session, NEW_CARTS_REFUSED);
  return allOf(writes);
}

/** For server actions: sets (or rotates) the cart cookie through next/headers. */
export async function setCartSessionCookie(cookie: CartSessionCookie): Promise<void> {
  (await cookies()).set(cookie.name, cookie.value, cookie.options);
}
