// Jobs are rows written in the transaction that caused them: if that transaction rolls back, so does the job; if it
// commits, the job cannot be lost between commit and enqueue (a relay picks it up, lib/jobs/relay.ts).
import type { DbOrTx } from '../../db/client';
import { outbox } from '../../db/schema';
import type { JobEvent } from '../jobs/events';

export type OutboxEvent = JobEvent;

/** Adds jobs; a job whose `dedupeKey` was already enqueued for the same event is skipped. Returns how many were new. */
export async function enqueue(db: DbOrTx, jobs: Array<OutboxEvent & { dedupeKey: string }>): Promise<number> {
  if (jobs.length === 0) return 0;
  const inserted = await db
    .insert(outbox)
    .values(jobs.map((job) => ({ event: job.event, payload: job.payload, dedupeKey: job.dedupeKey })))
    .onConflictDoNothing({ target: [outbox.event, outbox.dedupeKey] })
    .returning({ id: outbox.id });
  return inserted.length;
}
