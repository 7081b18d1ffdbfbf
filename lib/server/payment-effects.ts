// What happens after a payment commit has COMMITTED (diagram 1 step 21): Redis mirrors are cleared and the buyer's
// cart gives up what was bought. All best effort: the database is the record, and a stale mirror expires by its TTL anyway.
import 'server-only';
import { removePurchasedLines } from '@/lib/cart/remove-purchased-lines';
import type { CommitEffects } from '@/lib/payments/commit-payment';
import { redis, redisKeys } from '@/lib/redis';
import { revalidateProductStock } from './cache-tags';
import { cartDeps } from './cart-session';

export async function afterPaymentCommitted(effects: CommitEffects): Promise<void> {
  const client = redis();
  await Promise.allSettled([
    client.del(redisKeys.reservation(effects.orderId), redisKeys.paymentIntent(effects.reference)),
    // A guest's cart is cleared by the return page, the one place that knows the guest's cart cookie.
    effects.userId ? removePurchasedLines(cartDeps(), { kind: 'user', userId: effects.userId }, effects.lines) : Promise.resolve(),
  ]);
  revalidateProductStock(effects.productIds);
}
