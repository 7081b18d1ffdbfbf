// After a payment commit has COMMITTED: a signed-in buyer's Redis copy of the cart goes, because the commit already
// trimmed the Postgres copy of what was bought and the next read rebuilds the cart from it. (A guest's cart is trimmed
// by the return page, which knows its cookie.) Best effort: Postgres is the record, and the copy has a TTL.
import type { Redis } from '@upstash/redis';
import { redisKeys } from '../redis-keys';

export async function dropCachedUserCart(redis: Redis, userId: string | null): Promise<void> {
  if (!userId) return;
  await redis.del(redisKeys.userCart(userId)).catch(() => undefined);
}
