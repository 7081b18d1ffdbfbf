// Next glue for the webhook inbox: every server process runs an inbox worker (whichever driver runs the jobs — the
// inbox is the shop's own table, not a job), started by instrumentation.ts; the webhook route wakes it right after
// storing a delivery. An event's effects after its commit are the ones the route ran before the inbox: the buyer's
// cached Redis cart goes, and the outbox relay is woken for the jobs the commit wrote.
import 'server-only';
import { db } from '@/db';
import { cardVault } from '@/lib/cards/vault-from-env';
import { dropCachedUserCart } from '@/lib/cart/drop-cached-user-cart';
import { paystackMode } from '@/lib/core/env';
import { log } from '@/lib/log';
import { redis } from '@/lib/redis';
import { type InboxWorker, startInboxWorker } from '@/lib/webhooks/inbox-worker';
import { kickJobRunner } from './jobs';

const state = globalThis as unknown as { __shopWebhookInbox?: InboxWorker };

/** This process's inbox worker, started on first use (instrumentation starts it with the server). */
export function webhookInbox(): InboxWorker {
  if (!state.__shopWebhookInbox) {
    const worker = startInboxWorker({
      db,
      cardVault: cardVault(),
      ctx: { expectedDomain: paystackMode() },
      afterApplied: async ({ effects }) => {
        if (effects) await dropCachedUserCart(redis(), effects.userId);
        kickJobRunner();
      },
    });
    state.__shopWebhookInbox = worker;
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void worker.stop());
  }
  return state.__shopWebhookInbox;
}

export function startWebhookInboxInThisProcess(): void {
  webhookInbox();
  log().info('webhook inbox: applying stored events in this process');
}

/** Right after a delivery was stored: apply it now rather than at the next sweep. */
export function wakeWebhookInbox(): void {
  webhookInbox().kick();
}
