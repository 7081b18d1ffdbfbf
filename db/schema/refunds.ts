import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, currency, id, minor, tstz, updatedAt } from './_columns';
import { orders } from './orders';
import { payments } from './payments';
import { users } from './users';

/** Paystack's refund life (pending → processing → processed | failed | needs-attention) after our own `requested`. */
export const refundStatus = pgEnum('refund_status', ['requested', 'pending', 'processing', 'processed', 'failed', 'needs_attention']);

/** Who started it: an admin, the shop itself (money it cannot keep), or someone in Paystack's dashboard. */
export const refundOrigin = pgEnum('refund_origin', ['admin', 'system', 'external']);

/** A line put back on the shelf with a refund. */
export interface RefundRestockLine {
  variantId: string;
  quantity: number;
  /** Units that had shipped and came back to the shop; absent: units that never shipped (and now never will). */
  returnedToStock?: boolean;
}

export const refunds = pgTable(
  'refunds',
  {
    id: id(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id, { onDelete: 'restrict' }),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' }),
    amount: minor('amount').notNull(),
    currency: currency(),
    reason: text('reason').notNull(),
    status: refundStatus('status').notNull().default('requested'),
    origin: refundOrigin('origin').notNull(),
    /** The caller's key: the same key again is the same refund. Null only for refunds made outside the shop. */
    idempotencyKey: text('idempotency_key').unique(),
    /** Hash of what the key asked for (order, payment, amount, lines), so a key reused for another request is refused. */
    requestFingerprint: text('request_fingerprint'),
    /** Paystack's refund id, once Paystack has the refund. */
    gatewayRefundId: text('gateway_refund_id').unique(),
    /** Null when the system started it (e.g. a late payment that could not be honoured). */
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    /** What goes back on the shelf when Paystack accepts the refund; empty for a money-only refund. */
    restockLines: jsonb('restock_lines').$type<RefundRestockLine[]>().notNull().default([]),
    restockedAt: tstz('restocked_at'),
    failureReason: text('failure_reason'),
    /**
     * Paystack takes no idempotency key, so one worker at a time may talk to it about a refund: the holder of this
     * lease. It outlasts any single Paystack call by far, so a live call never loses it.
     */
    submitLeaseUntil: tstz('submit_lease_until'),
    /** When a create was last sent: from then on the refund may exist at Paystack, and is looked up before any retry. */
    lastSubmittedAt: tstz('last_submitted_at'),
    submitAttempts: integer('submit_attempts').notNull().default(0),
    /** Why the last attempt ended without an answer (timeout, 5xx), for the operator. */
    lastSubmitError: text('last_submit_error'),
    /**
     * When Paystack last told the shop where this refund stands (its answer to our request, a webhook, or the
     * reconciliation asking `GET /refund/:id`). An accepted refund Paystack has been silent about for an hour is asked about.
     */
    gatewayCheckedAt: tstz('gateway_checked_at'),
    processedAt: tstz('processed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('refunds_payment_idx').on(t.paymentId),
    index('refunds_order_idx').on(t.orderId),
    index('refunds_status_idx').on(t.status, t.createdAt),
    check('refunds_amount_positive', sql`${t.amount} > 0`),
    // Every refund the shop starts carries its key and what was asked; only Paystack-dashboard refunds come without.
    check('refunds_key_unless_external', sql`${t.origin} = 'external' OR (${t.idempotencyKey} IS NOT NULL AND ${t.requestFingerprint} IS NOT NULL)`),
    // Past `requested`, Paystack has the refund: its id is what webhooks and the ledger match on. A refund Paystack
    // refused outright (failed) never got one.
    check('refunds_gateway_id_once_accepted', sql`${t.status} IN ('requested', 'failed') OR ${t.gatewayRefundId} IS NOT NULL`),
    check('refunds_restock_lines_array', sql`jsonb_typeof(${t.restockLines}) = 'array'`),
    check('refunds_submit_attempts_non_negative', sql`${t.submitAttempts} >= 0`),
  ],
);
