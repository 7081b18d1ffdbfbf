import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, currency, id, minor, tstz } from './_columns';
import { orders } from './orders';
import { refunds } from './refunds';

/** Per-year counter for gapless invoice numbers: bumped in the same transaction that inserts the invoice. */
export const invoiceSequences = pgTable(
  'invoice_sequences',
  {
    year: integer('year').primaryKey(),
    lastNumber: integer('last_number').notNull().default(0),
  },
  (t) => [check('invoice_sequences_last_number_non_negative', sql`${t.lastNumber} >= 0`)],
);

export const invoices = pgTable(
  'invoices',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .unique()
      .references(() => orders.id, { onDelete: 'restrict' }),
    /** e.g. INV-2026-000042 */
    number: text('number').notNull().unique(),
    year: integer('year').notNull(),
    sequence: integer('sequence').notNull(),
    totalAmount: minor('total_amount').notNull(),
    currency: currency(),
    issuedAt: tstz('issued_at').notNull().defaultNow(),
  },
  (t) => [
    unique('invoices_year_sequence_unique').on(t.year, t.sequence),
    check('invoices_sequence_positive', sql`${t.sequence} > 0`),
    check('invoices_total_positive', sql`${t.totalAmount} > 0`),
  ],
);

export const emailDeliveryStatus = pgEnum('email_delivery_status', ['sending', 'sent', 'failed']);

/** One row per email a job means to send; the unique key is what stops a retried job from sending twice. */
export const emailDeliveries = pgTable(
  'email_deliveries',
  {
    id: id(),
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    orderId: uuid('order_id').references(() => orders.id, { onDelete: 'set null' }),
    refundId: uuid('refund_id').references(() => refunds.id, { onDelete: 'set null' }),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    status: emailDeliveryStatus('status').notNull().default('sending'),
    /** Who holds the current send (a random token per attempt) and since when: a `sending` row whose lease ran out was left by a crash. */
    claimToken: uuid('claim_token'),
    claimedAt: tstz('claimed_at'),
    attempts: integer('attempts').notNull().default(0),
    providerMessageId: text('provider_message_id'),
    error: text('error'),
    sentAt: tstz('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [index('email_deliveries_order_idx').on(t.orderId)],
);
