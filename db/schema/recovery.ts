import { sql } from 'drizzle-orm';
import { check, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz } from './_columns';
import { orders } from './orders';

/**
 * One row per expired order the shop tried to win back: when its recovery email left, and when its restore link was
 * used. `restored_at` is the single-use guard: the restore claims it with `… WHERE restored_at IS NULL`.
 */
export const checkoutRecoveries = pgTable('checkout_recoveries', {
  orderId: uuid('order_id')
    .primaryKey()
    .references(() => orders.id, { onDelete: 'cascade' }),
  emailSentAt: tstz('email_sent_at'),
  restoredAt: tstz('restored_at'),
  createdAt: createdAt(),
});

/** Addresses that asked for no more reminder emails. Keyed by the lower-cased address, so case never lets one through. */
export const emailOptOuts = pgTable(
  'email_opt_outs',
  {
    email: text('email').primaryKey(),
    optedOutAt: tstz('opted_out_at').notNull().defaultNow(),
  },
  (t) => [check('email_opt_outs_email_lower_case', sql`${t.email} = lower(${t.email})`)],
);
