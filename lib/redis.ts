// The app's Redis client (Upstash REST). Framework-free; one instance per process.
import { Redis } from '@upstash/redis';
import { env } from './env';

let client: Redis | undefined;

export function redis(): Redis {
  client ??= new Redis({
    url: env().UPSTASH_REDIS_REST_URL,
    token: env().UPSTASH_REDIS_REST_TOKEN,
    // Redis holds caches and carts, never money: fail fast rather than queueing retries behind an outage.
    retry: { retries: 1, backoff: () => 50 },
  });
  return client;
}

/** Every Redis key the app uses, in one place (see DESIGN.md "Redis keys and TTLs"). */
export const redisKeys = {
  guestCart: (sessionId: string) => `cart:session:${sessionId}`,
  userCart: (userId: string) => `cart:user:${userId}`,
  reservation: (orderId: string) => `reservation:${orderId}`,
  paymentIntent: (reference: string) => `payment:intent:${reference}`,
} as const;

export const redisTtlSeconds = {
  guestCart: 7 * 24 * 60 * 60,
  userCart: 30 * 24 * 60 * 60,
  reservation: 15 * 60,
  paymentIntent: 20 * 60,
} as const;
