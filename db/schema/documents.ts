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

/** Per-year counter for gapless credit-note numbers, kept apart from the invoices' (a credit note is its own series). */
export const creditNoteSequences = pgTable(
  'credit_note_sequences',
  {
    year: integer('year').primaryKey(),
    lastNumber: integer('last_number').notNull().default(0),
  },
  (t) => [check('credit_note_sequences_last_number_non_negative', sql`${t.lastNumber} >= 0`)],
);

/**
 * The document that credits part of an invoice: one per refund of an invoiced order, issued when Paystack accepts it.
 * Never deleted (its number belongs to a gapless series): when that refund fails, the note is cancelled instead —
 * `cancelled_at` and `cancellation_reason` set together, once, in the transaction that moves the refund to failed.
 */
export const creditNotes = pgTable(
  'credit_notes',
  {
    id: id(),
    refundId: uuid('refund_id')
      .notNull()
      .unique()
      .references(() => refunds.id, { onDelete: 'restrict' }),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'restrict' }),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' }),
    /** e.g. CN-2026-000042 */
    number: text('number').notNull().unique(),
    year: integer('year').notNull(),
    sequence: integer('sequence').notNull(),
    amount: minor('amount').notNull(),
    currency: currency(),
    issuedAt: tstz('issued_at').notNull().defaultNow(),
    /** When its refund failed: nothing was credited. Null while the note stands. */
    cancelledAt: tstz('cancelled_at'),
    cancellationReason: text('cancellation_reason'),
  },
  (t) => [
    unique('credit_notes_year_sequence_unique').on(t.year, t.sequence),
    index('credit_notes_order_idx').on(t.orderId),
    check('credit_notes_sequence_positive', sql`${t.sequence} > 0`),
    check('credit_notes_amount_positive', sql`${t.amount} > 0`),
    check('credit_notes_cancellation_complete', sql`(${t.cancelledAt} IS NULL) = (${t.cancellationReason} IS NULL)`),
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
