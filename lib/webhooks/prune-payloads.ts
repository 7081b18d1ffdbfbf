// Retention of webhook payloads: an event's body is kept (card secrets already removed) while it may matter — for
// replays, disputes and reconciliation — and replaced by a stub once it is settled and old. The row itself (key,
// type, status, outcome, times) stays for good: it is what makes delivery exactly-once.
import { and, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { webhookEvents } from '../../db/schema';

export const WEBHOOK_PAYLOAD_RETENTION_DAYS = 180;

/** Failed events keep their body so they can still be replayed once their cause is fixed. */
export async function pruneWebhookPayloads(db: DbOrTx, olderThanDays = WEBHOOK_PAYLOAD_RETENTION_DAYS): Promise<number> {
  const pruned = await db
    .update(webhookEvents)
    .set({ payload: sql`jsonb_build_object('pruned', true, 'event', ${webhookEvents.type})`, headers: {} })
    .where(
      and(
        inArray(webhookEvents.status, ['processed', 'ignored']),
        lt(webhookEvents.receivedAt, sql`now() - make_interval(days => ${olderThanDays})`),
        sql`NOT (${webhookEvents.payload} ? 'pruned')`,
      ),
    )
    .returning({ id: webhookEvents.id });
  return pruned.length;
}
