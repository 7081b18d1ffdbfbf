// What happens after a payment commit has COMMITTED: the Redis mirrors go (a guest's cart is trimmed by the return
// page, which knows its cookie) and the outbox relay is woken for the jobs the commit wrote.
import 'server-only';
import type { CommitEffects } from '@/lib/payments/commit-payment';
import { dropPaymentMirrors } from '@/lib/payments/payment-mirrors';
import { redis } from '@/lib/redis';
import { revalidateProductStock } from './cache-tags';
import { relayAfterResponse } from './jobs';

export async function afterPaymentCommitted(effects: CommitEffects): Promise<void> {
  await dropPaymentMirrors(redis(), effects);
  revalidateProductStock(effects.productIds);
  relayAfterResponse();
}
