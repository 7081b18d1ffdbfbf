// Best-effort Redis writes (mirrors, hints, a lock's release) sent together: one pipeline, one round trip, in order.
// Redis is never the only record here, so a failed flush is not the caller's failure.
import type { Redis } from '@upstash/redis';

export type RedisWrite = { kind: 'set'; key: string; value: unknown; ex: number } | { kind: 'del'; key: string };

/** Where a use case's best-effort writes go: straight to Redis, or into its caller's batch (`redisWrites`). */
export interface RedisWriteTarget {
  redis?: Redis;
  /** When present, writes are collected here and the caller flushes them with its own in one round trip. */
  redisWrites?: RedisWrite[];
}

export async function flushRedisWrites(redis: Redis, writes: readonly RedisWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const pipeline = redis.pipeline();
  for (const write of writes) {
    if (write.kind === 'set') pipeline.set(write.key, write.value, { ex: write.ex });
    else pipeline.del(write.key);
  }
  await pipeline.exec().catch(() => undefined);
}

/** Into the caller's batch when it collects one, else to Redis now. */
export async function writeToRedis(target: RedisWriteTarget, write: RedisWrite): Promise<void> {
  if (target.redisWrites) target.redisWrites.push(write);
  else if (target.redis) await flushRedisWrites(target.redis, [write]);
}
