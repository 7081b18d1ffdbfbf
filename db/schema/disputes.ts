import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, currency, id, minor, tstz, updatedAt } from './_columns';
import { orders } from './orders';
import { payments } from './payments';
import { users } from './users';

/**
 * Paystack's dispute life (awaiting-merchant-feedback, awaiting-bank-feedback, pending, resolved) in the shop's words,
 * with `resolved` split by who kept the money: `won` (Paystack resolved it `declined`: the shop's answer stood) and
 * `lost` (merchant-accepted or decided for the customer).
 */
export const disputeStatus = pgEnum('dispute_status', ['awaiting_merchant_feedback', 'awaiting_bank_feedback', 'pending', 'won', 'lost']);
export type DisputeStatus = (typeof disputeStatus.enumValues)[number];

/** What the admin sent Paystack as evidence (Paystack's `POST /dispute/:id/evidence` fields). */
export interface DisputeEvidenceRecord {
  customerEmail: string;
  customerName: string;
  customerPhone: string;
  serviceDetails: string;
  deliveryAddress?: string | undefined;
  deliveryDate?: string | undefined;
}

export const disputes = pgTable(
  'disputes',
  {
    id: id(),
    /** Paystack's dispute id: every webhook and API call names the dispute by it. */
    gatewayDisputeId: bigint('gateway_dispute_id', { mode: 'number' }).notNull().unique(),
    /** The disputed payment and its order; null for a transaction the shop has no record of. */
    paymentId: uuid('payment_id').references(() => payments.id, { onDelete: 'restrict' }),
    orderId: uuid('order_id').references(() => orders.id, { onDelete: 'restrict' }),
    transactionReference: text('transaction_reference').notNull(),
    /** What the customer claims back (Paystack's `refund_amount` when the dispute opened). */
    amount: minor('amount').notNull(),
    currency: currency(),
    category: text('category'),
    /** The customer's or bank's words, when Paystack sends any. */
    reason: text('reason'),
    status: disputeStatus('status').notNull(),
    /** Paystack's resolution once resolved (merchant-accepted, declined, …). */
    resolution: text('resolution'),
    dueAt: tstz('due_at'),
    resolvedAt: tstz('resolved_at'),
    /**
     * Money this dispute takes from the payment, counted with the payment's refunds against what was captured: the
     * refund amount an admin accepted (from the moment they accept, before Paystack answers), or what a lost dispute
     * cost. Zero while open, and when won.
     */
    lossAmount: minor('loss_amount').notNull().default(0),
    /** Paystack's `updatedAt` of the newest snapshot applied: an older event never overwrites a newer one. */
    gatewayUpdatedAt: tstz('gateway_updated_at'),
    reminders: integer('reminders').notNull().default(0),
    evidence: jsonb('evidence').$type<DisputeEvidenceRecord>(),
    gatewayEvidenceId: bigint('gateway_evidence_id', { mode: 'number' }),
    /** The file uploaded through Paystack's upload URL, named as Paystack named it. */
    attachmentFilename: text('attachment_filename'),
    evidenceSubmittedAt: tstz('evidence_submitted_at'),
    /** The admin's answer (accept / decline) as sent to `PUT /dispute/:id/resolve`. */
    answer: text('answer'),
    answerMessage: text('answer_message'),
    answeredAt: tstz('answered_at'),
    answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('disputes_payment_idx').on(t.paymentId),
    index('disputes_order_idx').on(t.orderId),
    index('disputes_status_due_idx').on(t.status, t.dueAt),
    check('disputes_amount_non_negative', sql`${t.amount} >= 0`),
    check('disputes_loss_non_negative', sql`${t.lossAmount} >= 0`),
    check('disputes_answer_known', sql`${t.answer} IS NULL OR ${t.answer} IN ('accept', 'decline')`),
  ],
);
