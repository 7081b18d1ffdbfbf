// Jobs are rows written in the transaction that caused them: if that transaction rolls back, so does the job; if it
// commits, the job cannot be lost between commit and enqueue (a relay picks it up, lib/jobs/relay.ts).
import type { DbOrTx } from '../../db/client';
import { outbox } from '../../db/schema';
import { JOB_META_KEY, type JobEvent } from '../jobs/events';
import { currentRequestId } from '../log';

export type OutboxEvent = JobEvent;

/** A job written during a request carries the request's id (`_meta`, lib/jobs/events.ts), so its log lines say which. */
function withRequestMeta(payload: OutboxEvent['payload']): Record<string, unknown> {
  const requestId = currentRequestId();
  return requestId ? { ...payload, [JOB_META_KEY]: { requestId } } : payload;
}

/** Adds jobs; a job whose `dedupeKey` was already enqueued for the same event is skipped. Returns how many were new. */
export async function enqueue(db: DbOrTx, jobs: Array<OutboxEvent & { dedupeKey: string }>): Promise<number> {
  if (jobs.length === 0) return 0;
  const inserted = await db
    .insert(outbox)
    .values(jobs.map((job) => ({ event: job.event, payload: withRequestMeta(job.payload), dedupeKey: job.dedupeKey })))
    .onConflictDoNothing({ target: [outbox.event, outbox.dedupeKey] })
    .returning({ id: outbox.id });
  return inserted.length;
}
