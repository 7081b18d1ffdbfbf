import { index, integer, jsonb, pgEnum, pgTable, text } from 'drizzle-orm/pg-core';
import { id, tstz } from './_columns';

export const webhookEventStatus = pgEnum('webhook_event_status', ['processed', 'ignored', 'failed']);
export type WebhookEventStatus = (typeof webhookEventStatus.enumValues)[number];

/**
 * One row per distinct provider event. Paystack sends no event id, so `event_key` is derived from the event type and
 * the gateway object (e.g. `charge.success:123456`); its unique index is what makes delivery exactly-once.
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
  },
  (t) => [index('webhook_events_received_idx').on(t.receivedAt), index('webhook_events_status_idx').on(t.status)],
);
