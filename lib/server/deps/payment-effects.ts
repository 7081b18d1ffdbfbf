// What happens after a payment commit has COMMITTED: a signed-in buyer's cached Redis cart goes (a guest's cart is
// trimmed by the return page, which knows its cookie) and the outbox relay is woken for the jobs the commit wrote.
import 'server-only';
import { after } from 'next/server';
import type { CommitEffects } from '@/lib/payments/commit-payment';
import { dropCachedUserCart } from '@/lib/cart/drop-cached-user-cart';
import { redis } from '@/lib/redis';
import { relayAfterResponse } from './jobs';

/** Hands `task` to Next's after(); false outside a request (a test calling the handler, a script): run it now. */
function deferred(task: () => Promise<void>): boolean {
  try {
    after(task);
    return true;
  } catch {
    return false;
  }
}

/**
 * `mirrors: 'after-response'` (the webhook, where no shopper waits on what Redis says next) drops the cached cart once
 * the answer has gone; pages and actions the buyer sees drop it first, so the next read is already fresh.
 */
export async function afterPaymentCommitted(effects: CommitEffects, opts: { mirrors?: 'now' | 'after-response' } = {}): Promise<void> {
  const dropCart = () => dropCachedUserCart(redis(), effects.userId);
  if (opts.mirrors !== 'after-response' || !deferred(dropCart)) await dropCart();
  relayAfterResponse();
}
