import { sql } from 'drizzle-orm';
import { boolean, check, index, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, currency, id, minor, tstz, updatedAt } from './_columns';
import { orders } from './orders';
import { payments } from './payments';
import { users } from './users';

export const refundStatus = pgEnum('refund_status', ['requested', 'pending', 'processed', 'failed', 'needs_attention']);

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
    gatewayRefundId: text('gateway_refund_id').unique(),
    /** Null when the system started it (e.g. a late payment that could not be honoured). */
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    restock: boolean('restock').notNull().default(false),
    failureReason: text('failure_reason'),
    processedAt: tstz('processed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('refunds_payment_idx').on(t.paymentId),
    index('refunds_order_idx').on(t.orderId),
    index('refunds_status_idx').on(t.status, t.createdAt),
    check('refunds_amount_positive', sql`${t.amount} > 0`),
  ],
);
