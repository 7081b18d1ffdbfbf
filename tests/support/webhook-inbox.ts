// Waiting for the webhook inbox: the route only stores a delivery and answers `received`; the worker applies it. A
// test that needs the effect waits for the stored row to settle (applied, ignored or failed), never for a time.
import { eq, sql } from 'drizzle-orm';
import { webhookEvents } from '@/db/schema';
import { readWebhookEvent } from '@/lib/payments/paystack/webhook-events';
import { webhookInbox } from '@/lib/server/deps/webhook-inbox';
import type { DbOrTx } from '@/db/client';
import { waitFor } from './wait';

export type SettledStatus = 'processed' | 'ignored' | 'failed';

/**
 * The stored event once the inbox worker has applied it, or failed it and is not about to try again (a failed event
 * due now — a redelivery requeued it — is still waiting for its attempt).
 */
export async function settledEvent(db: DbOrTx, eventKey: string, timeoutMs = 10_000) {
  webhookInbox().kick();
  const settled = await waitFor(
    `webhook event ${eventKey} applied from the inbox`,
    async () => {
      const [row] = await db
        .select({ row: webhookEvents, waiting: sql<boolean>`${webhookEvents.nextAttemptAt} <= now()` })
        .from(webhookEvents)
        .where(eq(webhookEvents.eventKey, eventKey));
      return row && row.row.status !== 'received' && !row.waiting ? { ...row.row, status: row.row.status as SettledStatus } : undefined;
    },
    timeoutMs,
  );
  // What follows an applied event's commit (the cached cart dropped, the relay woken) is done once this process's
  // worker is idle.
  await webhookInbox().idle();
  return settled;
}

/** The key a signed body is stored under. */
export function eventKeyOf(body: string): string {
  const read = readWebhookEvent(body);
  if (!read.ok) throw new Error(`not a Paystack event: ${read.error}`);
  return read.value.key;
}

/**
 * The route's answers as they read before the inbox: each `received` (this delivery stored the event) becomes the
 * event's applied status once the worker has settled it; `duplicate` stays.
 */
export async function appliedAnswers(db: DbOrTx, body: string, answers: readonly string[]): Promise<string[]> {
  if (!answers.some((answer) => answer === 'received')) return [...answers];
  const settled = await settledEvent(db, eventKeyOf(body));
  // A failure says why in the test's output (the row's error), not only that it failed.
  if (settled.status === 'failed') console.error(`webhook ${settled.eventKey} failed: ${settled.outcome ?? '(no error recorded)'}`);
  return answers.map((answer) => (answer === 'received' ? settled.status : answer));
}
