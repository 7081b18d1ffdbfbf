// After a payment commit has COMMITTED: drop the Redis mirrors of the order's hold, its payment intent and a signed-in
// buyer's cart (whose Postgres copy the commit already trimmed, so the next read rebuilds it). Best effort: the
// database is the record, and a stale mirror has a TTL.
import type { Redis } from '@upstash/redis';
import { redisKeys } from '../redis-keys';
import type { CommitEffects } from './commit-payment';

export async function dropPaymentMirrors(redis: Redis, effects: Pick<CommitEffects, 'orderId' | 'reference' | 'userId'>): Promise<void> {
  const keys = [redisKeys.reservation(effects.orderId), redisKeys.paymentIntent(effects.reference)];
  if (effects.userId) keys.push(redisKeys.userCart(effects.userId));
  await redis.del(...keys).catch(() => undefined);
}
