import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, currency, id, minor, tstz, updatedAt } from './_columns';
import { savedCards } from './cards';
import { orders } from './orders';

export const paymentStatus = pgEnum('payment_status', [
  'initialized',
  'pending',
  'paid',
  'failed',
  'abandoned',
  'needs_review',
  'partially_refunded',
  'refunded',
]);
export type PaymentStatus = (typeof paymentStatus.enumValues)[number];

export const payments = pgTable(
  'payments',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' }),
    provider: text('provider').notNull().default('paystack'),
    reference: text('reference').notNull().unique(),
    amount: minor('amount').notNull(),
    currency: currency(),
    status: paymentStatus('status').notNull().default('initialized'),
    authorizationUrl: text('authorization_url'),
    accessCode: text('access_code'),
    gatewayTransactionId: bigint('gateway_transaction_id', { mode: 'number' }),
    channel: text('channel'),
    feesAmount: minor('fees_amount'),
    refundedAmount: minor('refunded_amount').notNull().default(0),
    failureReason: text('failure_reason'),
    paidAt: tstz('paid_at'),
    /** The intent is live until then (20 minutes); afterwards a new one is created. */
    expiresAt: tstz('expires_at').notNull(),
    /**
     * When the shop last asked Paystack about this reference and did not find it paid: reconciliation asks a closed
     * attempt again only some minutes after that (its own clock, not updated_at, which any write moves).
     */
    lastCheckedAt: tstz('last_checked_at'),
    /** The signed-in shopper asked to keep this card if the charge succeeds with a reusable authorization. */
    saveCard: boolean('save_card').notNull().default(false),
    /** A one-click charge of this saved card (null for the hosted page); kept null if the card is removed later. */
    savedCardId: uuid('saved_card_id').references(() => savedCards.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('payments_order_idx').on(t.orderId),
    index('payments_status_idx').on(t.status, t.createdAt),
    check('payments_amount_positive', sql`${t.amount} > 0`),
    check('payments_fees_non_negative', sql`${t.feesAmount} IS NULL OR ${t.feesAmount} >= 0`),
    check('payments_refunded_within_amount', sql`${t.refundedAmount} >= 0 AND ${t.refundedAmount} <= ${t.amount}`),
    check('payments_reference_charset', sql`${t.reference} ~ '^[A-Za-z0-9.=-]+$'`),
  ],
);
