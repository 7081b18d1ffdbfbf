import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, text } from 'drizzle-orm/pg-core';
import { id, tstz } from './_columns';

export const webhookEventStatus = pgEnum('webhook_event_status', ['received', 'processed', 'ignored', 'failed']);
export type WebhookEventStatus = (typeof webhookEventStatus.enumValues)[number];

/**
 * One row per distinct provider event. Paystack sends no event id, so `event_key` is derived from the event type and
 * the gateway object (e.g. `charge.success:123456`); its unique index is what makes delivery exactly-once.
 *
 * It is also the inbox: a verified delivery is stored `received` (attempts 0, due now) and acknowledged at once; the
 * inbox worker (lib/webhooks/inbox-worker.ts) applies it and marks it in one transaction. `next_attempt_at` is when
 * the worker takes the row (again): null once it is settled, or once the worker gave up after its attempts (failed).
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: id(),
    provider: text('provider').notNull().default('paystack'),
    eventKey: text('event_key').notNull().unique(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    status: webhookEventStatus('status').notNull(),
    /** Why an event was ignored, or the last processing error. */
    outcome: text('outcome'),
    attempts: integer('attempts').notNull().default(1),
    receivedAt: tstz('received_at').notNull().defaultNow(),
    lastAttemptAt: tstz('last_attempt_at').notNull().defaultNow(),
    processedAt: tstz('processed_at'),
    /** When the inbox worker takes this row next; null when applied, or when it gave up (failed after its attempts). */
    nextAttemptAt: tstz('next_attempt_at'),
    /**
     * The delivered body sealed with the card vault, kept only while a charge carrying a reusable card waits to be
     * applied (the stored `payload` has the card's authorization code redacted); cleared when the event is applied.
     */
    sealedBody: jsonb('sealed_body').$type<{ sealed: string; keyId: string }>() /* lib/cards/card-vault.ts SealedSecret */,
  },
  (t) => [
    index('webhook_events_received_idx').on(t.receivedAt),
    index('webhook_events_status_idx').on(t.status),
    index('webhook_events_due_idx').on(t.nextAttemptAt).where(sql`${t.nextAttemptAt} IS NOT NULL`),
  ],
);
