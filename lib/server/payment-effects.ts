// What happens after a payment commit has COMMITTED (diagram 1 step 21): the Redis mirrors of the order, its payment
// intent and the buyer's cart are dropped. Best effort: the database is the record, and a stale mirror has a TTL.
import 'server-only';
import type { CommitEffects } from '@/lib/payments/commit-payment';
import { redis, redisKeys } from '@/lib/redis';
import { revalidateProductStock } from './cache-tags';

export async function afterPaymentCommitted(effects: CommitEffects): Promise<void> {
  // The commit already took the bought units out of a signed-in buyer's Postgres cart; dropping the Redis copy makes
  // the next read rebuild it from there. A guest's cart is trimmed by the return page, which knows its cookie.
  const keys = [redisKeys.reservation(effects.orderId), redisKeys.paymentIntent(effects.reference)];
  if (effects.userId) keys.push(redisKeys.userCart(effects.userId));
  await redis()
    .del(...keys)
    .catch(() => undefined);
  revalidateProductStock(effects.productIds);
}
