import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz } from './_columns';

export const outboxStatus = pgEnum('outbox_status', ['pending', 'processing', 'done', 'dead']);

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
