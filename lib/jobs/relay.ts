// The outbox relay: takes due rows in order and hands each to a driver (Inngest, or the in-process runner).
//
// A row is claimed in its own short transaction (`FOR UPDATE SKIP LOCKED`, then `processing` with a lease), so many
// relays can run at once and none holds a transaction across the network. Only after the driver succeeded is the row
// `done`; a failure goes back to `pending` with exponential backoff and jitter, and after MAX_ATTEMPTS it is `dead`
// (visible to operators, retryable with retryDeadJob). A relay that crashes mid-dispatch leaves its rows
// `processing`; once their lease runs out the next sweep takes them again — at least once, never twice at the same time.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { outbox } from '../../db/schema';
import { elapsedMs, type Logger, log, loggableMessage, withLogContext } from '../log';
import { definedJobEvents } from './definitions';
import { type JobEventName, isJobEventName, jobEventSchemas, jobMetaOf } from './events';

export const MAX_ATTEMPTS = 8;
/** Longer than any dispatch may take (drivers time out well before it), so a live dispatch never loses its claim. */
export const LEASE_SECONDS = 120;

export interface OutboxJob {
  id: string;
  event: JobEventName;
  payload: unknown;
  attempts: number;
  /** Bumped by each operator retry of a dead job, so Inngest (which dedupes on the event id) takes the retry. */
  generation: number;
  /** Since the row was written, by the database clock (the app's clock may be off). */
  ageMs: number;
}

/** The event id a driver sends: the outbox id, suffixed after an operator retry. */
export const jobEventId = (job: Pick<OutboxJob, 'id' | 'generation'>): string => (job.generation === 0 ? job.id : `${job.id}.${job.generation}`);

/** The outbox id inside an event id (see jobEventId). */
export const outboxIdOf = (eventId: string): string => eventId.split('.')[0] ?? eventId;

/** What a driver did with one job: done, or not yet due (the job waits first, e.g. abandoned-checkout recovery). */
export type DispatchOutcome = { kind: 'done' } | { kind: 'deferred'; forMs: number };

export interface JobDriver {
  name: 'inngest' | 'in-process';
  dispatch(job: OutboxJob): Promise<DispatchOutcome>;
}

/** 2^attempt seconds (2 s, 4 s, … capped at 1 h), ±25 % jitter so a burst of failures does not retry in lockstep. */
export function backoffSeconds(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(2 ** attempts, 3_600);
  return Math.max(1, Math.round(base * (0.75 + random() * 0.5)));
}

export interface RelaySummary {
  claimed: number;
  done: number;
  deferred: number;
  retried: number;
  dead: number;
}

/** Claims up to `batchSize` due rows of the given events, oldest first. The claim itself counts the attempt. */
async function claimBatch(db: DbOrTx, events: readonly string[], batchSize: number, ids?: readonly string[]): Promise<OutboxJob[]> {
  if (events.length === 0 || ids?.length === 0) return [];
  const rows = await db.execute<{ id: string; event: string; payload: unknown; attempts: number; generation: number; age_ms: number }>(sql`
    UPDATE ${outbox} SET status = 'processing', attempts = ${outbox.attempts} + 1, locked_until = now() + make_interval(secs => ${LEASE_SECONDS})
    WHERE ${outbox.id} IN (
      SELECT ${outbox.id} FROM ${outbox}
      WHERE ${inArray(outbox.event, [...events])} ${ids ? sql`AND ${inArray(outbox.id, [...ids])}` : sql``}
        AND ((${outbox.status} = 'pending' AND ${outbox.nextAttemptAt} <= now())
          OR (${outbox.status} = 'processing' AND ${outbox.lockedUntil} < now()))
      ORDER BY ${outbox.nextAttemptAt}, ${outbox.createdAt}
      LIMIT ${batchSize}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING ${outbox.id} AS id, ${outbox.event} AS event, ${outbox.payload} AS payload, ${outbox.attempts} AS attempts,
      ${outbox.generation} AS generation, (extract(epoch FROM now() - ${outbox.createdAt}) * 1000)::float8 AS age_ms`);
  return rows.map((row) => ({ ...row, event: row.event as JobEventName, ageMs: Number(row.age_ms) }));
}

const settleWhileClaimed = (id: string) => and(eq(outbox.id, id), eq(outbox.status, 'processing'));

async function settle(db: DbOrTx, job: OutboxJob, outcome: DispatchOutcome | { kind: 'failed'; error: string }): Promise<keyof RelaySummary> {
  switch (outcome.kind) {
    case 'done':
      await db.update(outbox).set({ status: 'done', processedAt: sql`now()`, lockedUntil: null, lastError: null }).where(settleWhileClaimed(job.id));
      return 'done';
    case 'deferred':
      // Waiting is not a failed attempt: give the attempt back.
      await db
        .update(outbox)
        .set({
          status: 'pending',
          nextAttemptAt: sql`now() + make_interval(secs => ${Math.ceil(outcome.forMs / 1000)})`,
          lockedUntil: null,
          attempts: sql`greatest(${outbox.attempts} - 1, 0)`,
        })
        .where(settleWhileClaimed(job.id));
      return 'deferred';
    case 'failed': {
      const dead = job.attempts >= MAX_ATTEMPTS;
      await db
        .update(outbox)
        .set({
          status: dead ? 'dead' : 'pending',
          lastError: outcome.error.slice(0, 2_000),
          lockedUntil: null,
          nextAttemptAt: sql`now() + make_interval(secs => ${backoffSeconds(job.attempts)})`,
        })
        .where(settleWhileClaimed(job.id));
      return dead ? 'dead' : 'retried';
    }
  }
}

/** One line per job the relay ran: info when done or deferred, warn when it will be retried, error when it is dead. */
function logJobRun(
  logger: Logger,
  job: OutboxJob,
  line: { driver: JobDriver['name']; outcome: keyof RelaySummary; durationMs: number; requestId?: string; error?: string },
): void {
  const fields = { job: job.event, outboxId: job.id, attempt: job.attempts, ...line };
  if (line.outcome === 'dead') logger.error(fields, 'job');
  else if (line.outcome === 'retried') logger.warn(fields, 'job');
  else logger.info(fields, 'job');
}

/**
 * One pass: claim a batch, dispatch each job, settle each. Loops while full batches keep coming, up to `maxBatches`.
 * `ids` limits the pass to those rows (an operator's "run now"). Each job runs under the id of the request that queued
 * it (or none), so its log lines, and any job it queues in turn, carry that id.
 */
export async function relayOutbox(
  deps: { db: DbOrTx; driver: JobDriver; logger?: Logger },
  opts: {
    events?: readonly string[];
    ids?: readonly string[];
    batchSize?: number;
    maxBatches?: number;
    /** Asked before each job: true (the process is shutting down) ends the pass and hands the unstarted jobs back. */
    shouldStop?: () => boolean;
  } = {},
): Promise<RelaySummary> {
  // Only events some job handles: a row nobody handles yet waits, rather than being marked done and lost.
  const events = opts.events ?? definedJobEvents;
  const batchSize = opts.batchSize ?? 20;
  const summary: RelaySummary = { claimed: 0, done: 0, deferred: 0, retried: 0, dead: 0 };
  for (let batch = 0; batch < (opts.maxBatches ?? 10); batch += 1) {
    const jobs = await claimBatch(deps.db, events, batchSize, opts.ids);
    summary.claimed += jobs.length;
    for (const [index, job] of jobs.entries()) {
      if (opts.shouldStop?.()) {
        await handBack(deps.db, jobs.slice(index));
        return summary;
      }
      const { requestId } = jobMetaOf(job.payload);
      const started = performance.now();
      const outcome = await withLogContext({ requestId }, async (): Promise<DispatchOutcome | { kind: 'failed'; error: string }> => {
        try {
          if (!isJobEventName(job.event)) throw new Error(`unknown job event ${job.event}`);
          jobEventSchemas[job.event].parse(job.payload);
          return await deps.driver.dispatch(job);
        } catch (error) {
          return { kind: 'failed', error: error instanceof Error ? error.message : String(error) };
        }
      });
      const settled = await settle(deps.db, job, outcome);
      summary[settled] += 1;
      logJobRun(deps.logger ?? log(), job, {
        driver: deps.driver.name,
        outcome: settled,
        durationMs: elapsedMs(started),
        requestId,
        ...(outcome.kind === 'failed' ? { error: loggableMessage(outcome.error) } : {}),
      });
    }
    if (jobs.length < batchSize || opts.shouldStop?.()) break;
  }
  return summary;
}

/** Claimed jobs this relay will not run after all: due again at once for any relay, the claim's attempt given back. */
async function handBack(db: DbOrTx, jobs: readonly OutboxJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await db
    .update(outbox)
    .set({ status: 'pending', lockedUntil: null, nextAttemptAt: sql`now()`, attempts: sql`greatest(${outbox.attempts} - 1, 0)` })
    .where(
      and(
        inArray(
          outbox.id,
          jobs.map((job) => job.id),
        ),
        eq(outbox.status, 'processing'),
      ),
    );
}

/** An operator's retry of dead jobs: back to pending, due now, with a fresh attempt count. */
export async function retryDeadJobs(db: DbOrTx, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .update(outbox)
    .set({ status: 'pending', attempts: 0, generation: sql`${outbox.generation} + 1`, nextAttemptAt: sql`now()`, lockedUntil: null })
    .where(and(inArray(outbox.id, [...ids]), eq(outbox.status, 'dead')))
    .returning({ id: outbox.id });
  return rows.length;
}

/**
 * Inngest gave up on a job after its retries (its onFailure handler): the row turns `dead` like a job the in-process
 * runner gave up on, so operators see and retry failures in one place whichever driver ran them.
 */
export async function markJobDead(db: DbOrTx, eventId: string, error: string): Promise<boolean> {
  const rows = await db
    .update(outbox)
    .set({ status: 'dead', lastError: error.slice(0, 2_000), lockedUntil: null })
    .where(and(eq(outbox.id, outboxIdOf(eventId)), inArray(outbox.status, ['done', 'processing'])))
    .returning({ id: outbox.id });
  return rows.length > 0;
}
