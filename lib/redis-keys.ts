// Every Redis key the app uses and its TTL, in one place. Redis is never the only record of money or stock:
// losing it loses guest carts and caches, never an order, a reservation or a payment — holds and payment intents live
// in Postgres only (a Redis copy nobody read cost checkout a write and was dropped).
export const redisKeys = {
  guestCart: (sessionId: string) => `cart:session:${sessionId}`,
  userCart: (userId: string) => `cart:user:${userId}`,
  /** A guest cart being merged at sign-in (claimed atomically so a retried sign-in cannot add it twice). */
  mergeClaim: (sessionId: string) => `cart:merging:${sessionId}`,
  /** The owner's latest checkout (order id + fingerprint): a resubmission continues it instead of reserving again. */
  guestCheckout: (sessionId: string) => `checkout:session:${sessionId}`,
  userCheckout: (userId: string) => `checkout:user:${userId}`,
  /** Held for a few seconds while one checkout of this owner runs, so a double submit cannot place two orders. */
  checkoutLock: (owner: string) => `checkout:lock:${owner}`,
  /** An admin session's last request (ms), for its idle timeout (lib/auth/admin-session.ts); kept 12 hours. */
  adminSessionSeen: (sessionId: string) => `session:admin-seen:${sessionId}`,
} as const;

export const redisTtlSeconds = {
  guestCart: 7 * 24 * 60 * 60,
  userCart: 30 * 24 * 60 * 60,
  mergeClaim: 7 * 24 * 60 * 60,
  checkoutAttempt: 15 * 60,
  checkoutLock: 30,
} as const;
