// The app's Redis client (Upstash REST). Framework-free; one instance per process.
import { Redis } from '@upstash/redis';
import { env } from './core/env';

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

export { redisKeys, redisTtlSeconds } from './redis-keys';
