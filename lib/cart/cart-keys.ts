// Redis keys and TTLs of carts. The shared ones live in lib/redis.ts; the merge claim key is the cart's own.
import { redisKeys, redisTtlSeconds } from '../redis-keys';
import type { CartOwner } from './types';

/** The cookie naming a guest's cart session (issued and rotated by lib/server/doors/cart-session.ts). */
export const CART_SESSION_COOKIE = 'cart_session';

/** Guest cart session ids are 24 random bytes in base64url (see lib/server/doors/cart-session.ts). */
const SESSION_ID = /^[A-Za-z0-9_-]{32}$/;

export function isCartSessionId(value: unknown): value is string {
  return typeof value === 'string' && SESSION_ID.test(value);
}

export function cartKey(owner: CartOwner): { key: string; ttlSeconds: number } {
  return owner.kind === 'guest'
    ? { key: redisKeys.guestCart(owner.sessionId), ttlSeconds: redisTtlSeconds.guestCart }
    : { key: redisKeys.userCart(owner.userId), ttlSeconds: redisTtlSeconds.userCart };
}

/**
 * A guest cart in transit to a user cart during a merge (see merge-carts.ts). It lives as long as a guest cart so a
 * merge that died half-way is finished by the next sign-in with the same cookie.
 */
export const mergeClaimKey = redisKeys.mergeClaim;
export const mergeClaimTtlSeconds = redisTtlSeconds.guestCart;

/**
 * What the last sign-in's merge changed, kept for the shopper to read once (lib/cart/merge-notices.ts): read and
 * deleted in one command by the page that shows it.
 */
export const mergeNoticesKey = (userId: string) => `cart:merge-notices:${userId}`;
export const mergeNoticesTtlSeconds = 15 * 60;
