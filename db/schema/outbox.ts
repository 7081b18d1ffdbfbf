import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz } from './_columns';

export const outboxStatus = pgEnum('outbox_status', ['pending', 'processing', 'done', 'dead']);
export type OutboxStatus = (typeof outboxStatus.enumValues)[number];

/**
 * Jobs written in the same transaction as their cause, so a crash between commit and enqueue cannot lose one.
 * The relay hands each row to Inngest (event id = outbox id) or to the in-process runner.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    event: text('event').notNull(),
    payload: jsonb('payload').notNull(),
    /** Optional natural key so the same cause never enqueues the same job twice (e.g. `invoice:<orderId>`). */
    dedupeKey: text('dedupe_key'),
    status: outboxStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Operator retries of a dead job; part of the event id sent to Inngest, which dedupes on it. */
    generation: integer('generation').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at').notNull().defaultNow(),
    lockedUntil: tstz('locked_until'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    processedAt: tstz('processed_at'),
  },
  (t) => [
    unique('outbox_event_dedupe_unique').on(t.event, t.dedupeKey),
    index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    check('outbox_attempts_non_negative', sql`${t.attempts} >= 0`),
  ],
);

/** The last run of each scheduled job (release, reconciliation, the outbox sweep), for the operators' jobs page. */
export const scheduledRuns = pgTable('scheduled_runs', {
  scheduleId: text('schedule_id').primaryKey(),
  lastStartedAt: tstz('last_started_at').notNull(),
  lastFinishedAt: tstz('last_finished_at'),
  lastStatus: text('last_status', { enum: ['running', 'ok', 'failed'] }).notNull(),
  lastError: text('last_error'),
  lastResult: jsonb('last_result'),
  runs: integer('runs').notNull().default(0),
  failures: integer('failures').notNull().default(0),
});

/**
 * One row per schedule and period that some process ran (the in-process job runner): the primary key lets exactly one
 * process claim a period, whichever runs first, so a schedule runs once per period cluster-wide however many processes
 * tick. Nothing is held: a process that dies leaves the next period to whoever ticks then.
 */
export const scheduleClaims = pgTable(
  'schedule_claims',
  {
    scheduleId: text('schedule_id').notNull(),
    /** The period's start by the database clock (its length is the schedule's interval). */
    periodStart: tstz('period_start').notNull(),
    /** Which process ran it (host:pid, plus a runner name in tests), for operators. */
    claimedBy: text('claimed_by').notNull(),
    claimedAt: tstz('claimed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scheduleId, t.periodStart] })],
);
