// The app's Redis client (Upstash REST). Framework-free; one instance per process.
import { Redis } from '@upstash/redis';
import { env } from './core/env';
import { createPooledRequester } from './redis-requester';

let client: Redis | undefined;

export function redis(): Redis {
  client ??= pooledRedis();
  return client;
}

/**
 * The Upstash client on our own requester (./redis-requester.ts: an undici Pool with keep-alive instead of a fetch per
 * command). Redis holds caches and carts, never money: fail fast rather than queueing retries behind an outage — one
 * retry after 50 ms on a network failure, and a bounded wait for an answer. No telemetry headers.
 */
function pooledRedis(): Redis {
  const requester = createPooledRequester({
    url: env().UPSTASH_REDIS_REST_URL,
    token: env().UPSTASH_REDIS_REST_TOKEN,
    retry: { retries: 1, backoff: () => 50 },
  });
  // With a custom requester the client skips its auto-pipelining proxy (only its url/token constructor installs it);
  // install it the same way, so commands issued in the same tick still share one /pipeline request.
  const plain = new Redis(requester);
  return (plain as unknown as { autoPipeline(): Redis }).autoPipeline();
}

export { redisKeys, redisTtlSeconds } from './redis-keys';
