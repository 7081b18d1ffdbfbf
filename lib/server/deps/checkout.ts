// Next glue for checkout: the use cases' dependencies from this process's environment, and the rate limit that
// guards placing orders and starting payments (per cart session or user, and per address).
import 'server-only';
import { db } from '@/db';
import type { CartOwner } from '@/lib/cart/types';
import type { CheckoutDeps } from '@/lib/checkout/checkout-use-case';
import { env, paystackMode } from '@/lib/core/env';
import type { ConfirmDeps } from '@/lib/payments/ask-paystack';
import { paystackClient } from '@/lib/payments/paystack';
import { doorDeps } from './door-deps';
import type { RateLimitDecision, RateLimiter } from '../doors/rate-limit';

/** Paystack sends the shopper back here; only its path is ours to choose, the host is the configured site. */
export function paymentCallbackUrl(): string {
  return new URL('/checkout/return', env().NEXTAUTH_URL).toString();
}

/** The database and Redis come through the doors' seam (door-deps.ts), as every other request dependency does. */
export function checkoutDeps(): CheckoutDeps {
  const deps = doorDeps();
  return { db: deps.db, redis: deps.redis(), paystack: paystackClient(), callbackUrl: paymentCallbackUrl(), expectedDomain: paystackMode() };
}

export function confirmDeps(): ConfirmDeps {
  return { db, paystack: paystackClient(), expectedDomain: paystackMode() };
}

export function ownerKey(owner: CartOwner | null, ip: string): string {
  if (!owner) return `anonymous:${ip}`;
  return owner.kind === 'user' ? `user:${owner.userId}` : `session:${owner.sessionId}`;
}

/**
 * Both limits must allow: one shopper cannot hammer checkout from many addresses, nor one address from many
 * sessions. Fail-closed like every limit here: Redis down means no new orders, which beats unlimited holds.
 */
/** A checkout that charges a saved card also spends one of the account's card uses (fail-closed like the rest). */
export async function limitCheckoutWithCard(limiter: RateLimiter, owner: CartOwner | null, ip: string, usesSavedCard: boolean): Promise<RateLimitDecision> {
  const checkout = await limitCheckout(limiter, owner, ip);
  if (!checkout.allowed || !usesSavedCard || owner?.kind !== 'user') return checkout;
  return limiter.limit('savedCardUseByUser', owner.userId);
}

export async function limitCheckout(limiter: RateLimiter, owner: CartOwner | null, ip: string): Promise<RateLimitDecision> {
  const [bySession, byIp] = await Promise.all([limiter.limit('checkoutBySession', ownerKey(owner, ip)), limiter.limit('checkoutByIp', ip)]);
  if (!bySession.allowed && !byIp.allowed && bySession.reason === 'rate_limited' && byIp.reason === 'rate_limited') {
    return { allowed: false, reason: 'rate_limited', retryAfterSeconds: Math.max(bySession.retryAfterSeconds, byIp.retryAfterSeconds) };
  }
  if (!bySession.allowed) return bySession;
  return byIp;
}
