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
  /**
   * Next's data cache (unstable_cache entries), shared by every app process (lib/server/cache/redis-cache-store.ts).
   * Entries belong to one build: a cached function's code is not part of Next's key, so a new build must not read
   * what an older one stored.
   */
  nextCacheEntry: (build: string, key: string) => `next-cache:entry:${build}:${key}`,
  /** When a cache tag was last revalidated (stale / expired times in ms); shared across builds, like the data. */
  nextCacheTag: (tag: string) => `next-cache:tag:${tag}`,
} as const;

export const redisTtlSeconds = {
  guestCart: 7 * 24 * 60 * 60,
  userCart: 30 * 24 * 60 * 60,
  mergeClaim: 7 * 24 * 60 * 60,
  checkoutAttempt: 15 * 60,
  checkoutLock: 30,
  /** The longest a data-cache entry lives, whatever its revalidate time (Next refreshes it long before). */
  nextCacheEntryMax: 24 * 60 * 60,
  /** Longer than any entry lives, so an entry can never outlive the record of its tag's revalidation. */
  nextCacheTag: 2 * 24 * 60 * 60,
} as const;
