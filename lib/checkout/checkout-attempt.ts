// The shopper's latest checkout, remembered per cart owner for as long as its hold lasts. It makes a repeated
// submission of the SAME cart and details (a double click, a headless client retrying after a 502, the back button)
// continue that order instead of reserving the stock a second time, and lets the return page clear a guest's cart
// exactly once. A hint only: losing it costs at most a second order whose hold expires; Postgres stays the record.
import { createHash } from 'node:crypto';
import type { Redis } from '@upstash/redis';
import type { CartOwner } from '../cart/types';
import type { CheckoutInput, OrderLineInput } from './checkout-input';
import { redisKeys, redisTtlSeconds } from '../redis-keys';
import { type RedisWriteTarget, writeToRedis } from '../redis-writes';

export interface CheckoutAttempt {
  orderId: string;
  fingerprint: string;
}

export const checkoutAttemptKey = (owner: CartOwner) =>
  owner.kind === 'guest' ? redisKeys.guestCheckout(owner.sessionId) : redisKeys.userCheckout(owner.userId);

/** As long as the order's hold. */
export const checkoutAttemptTtlSeconds = redisTtlSeconds.checkoutAttempt;

/** Same cart, same buyer, same address and delivery → same fingerprint; anything else → a new order. */
export function checkoutFingerprint(userId: string | null, input: CheckoutInput, lines: OrderLineInput[]): string {
  const { shippingAddress: a } = input;
  const canonical = {
    userId,
    email: input.email,
    address: [a.fullName, a.phone, a.line1, a.line2 ?? '', a.city, a.state, a.postalCode ?? '', a.country],
    deliveryOption: input.deliveryOption,
    // Another code (or none) is another order; the same code in another case is the same one. Absent without a code,
    // so a checkout without one keeps the fingerprint it always had.
    ...(input.couponCode ? { couponCode: input.couponCode.toLowerCase() } : {}),
    lines: [...lines].sort((x, y) => (x.variantId < y.variantId ? -1 : x.variantId > y.variantId ? 1 : 0)).map((line) => [line.variantId, line.quantity]),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url');
}

function isAttempt(value: unknown): value is CheckoutAttempt {
  const candidate = value as Partial<CheckoutAttempt> | null;
  return typeof candidate?.orderId === 'string' && typeof candidate.fingerprint === 'string';
}

export async function readCheckoutAttempt(redis: Redis, owner: CartOwner): Promise<CheckoutAttempt | null> {
  try {
    const value = await redis.get<unknown>(checkoutAttemptKey(owner));
    return isAttempt(value) ? value : null;
  } catch {
    return null; // Redis trouble only costs the dedupe, never the checkout
  }
}

export async function recordCheckoutAttempt(target: RedisWriteTarget, owner: CartOwner, attempt: CheckoutAttempt): Promise<void> {
  await writeToRedis(target, { kind: 'set', key: checkoutAttemptKey(owner), value: attempt, ex: checkoutAttemptTtlSeconds });
}

/**
 * Claims the attempt for `orderId` and forgets it. True for exactly one caller, so "empty the guest's cart after
 * payment" happens once even when the return page renders twice, and never for a later cart.
 */
export async function takeCheckoutAttempt(redis: Redis, owner: CartOwner, orderId: string): Promise<boolean> {
  const attempt = await readCheckoutAttempt(redis, owner);
  if (attempt?.orderId !== orderId) return false;
  try {
    return (await redis.del(checkoutAttemptKey(owner))) === 1;
  } catch {
    return false;
  }
}
