// Discount codes and their redemptions. A code is unique whatever its case (SAVE10 = save10); percent codes take a
// whole percent (1–100), fixed codes an amount in kobo. A redemption is one order's use of a code, written in the
// transaction that places the order under the code's row lock; it stops counting (released_at) when the order expires
// or is cancelled unpaid, so an abandoned checkout does not burn a use.
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, currency, id, minor, tstz, updatedAt } from './_columns';
import { orders } from './orders';
import { users } from './users';

export const discountKind = pgEnum('discount_kind', ['percent', 'fixed']);
export type DiscountKind = (typeof discountKind.enumValues)[number];

export const discountCodes = pgTable(
  'discount_codes',
  {
    id: id(),
    /** As the admin typed it (shown to shoppers); compared case-insensitively. */
    code: text('code').notNull(),
    kind: discountKind('kind').notNull(),
    /** percent: whole percent 1–100; fixed: kobo off the subtotal. */
    value: integer('value').notNull(),
    currency: currency(),
    /** The subtotal (before delivery) an order needs to use the code; 0 for none. */
    minSubtotalAmount: minor('min_subtotal_amount').notNull().default(0),
    startsAt: tstz('starts_at'),
    endsAt: tstz('ends_at'),
    /** Uses in all, counting orders placed and not released; null for no limit. */
    usageLimit: integer('usage_limit'),
    /** Uses per customer (account, else email); null for no limit. */
    perCustomerLimit: integer('per_customer_limit'),
    paused: boolean('paused').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('discount_codes_code_unique').on(sql`lower(${t.code})`),
    check('discount_codes_code_shape', sql`${t.code} ~ '^[A-Za-z0-9_-]{3,32}$'`),
    check('discount_codes_value_positive', sql`${t.value} > 0`),
    check('discount_codes_percent_at_most_100', sql`${t.kind} = 'fixed' OR ${t.value} <= 100`),
    check('discount_codes_min_subtotal_non_negative', sql`${t.minSubtotalAmount} >= 0`),
    check('discount_codes_window', sql`${t.startsAt} IS NULL OR ${t.endsAt} IS NULL OR ${t.endsAt} > ${t.startsAt}`),
    check('discount_codes_usage_limit_positive', sql`${t.usageLimit} IS NULL OR ${t.usageLimit} > 0`),
    check('discount_codes_per_customer_limit_positive', sql`${t.perCustomerLimit} IS NULL OR ${t.perCustomerLimit} > 0`),
  ],
);

export const discountRedemptions = pgTable(
  'discount_redemptions',
  {
    id: id(),
    discountCodeId: uuid('discount_code_id')
      .notNull()
      .references(() => discountCodes.id, { onDelete: 'restrict' }),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The order's email, lower-cased. */
    email: text('email').notNull(),
    /** Who used it, for the per-customer limit: `user:<id>` for an account, else `email:<address>`. */
    customerKey: text('customer_key').notNull(),
    amount: minor('amount').notNull(),
    currency: currency(),
    /** Set when the order expired or was cancelled unpaid: the use no longer counts. */
    releasedAt: tstz('released_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('discount_redemptions_order_unique').on(t.orderId),
    index('discount_redemptions_code_idx').on(t.discountCodeId, t.customerKey),
    index('discount_redemptions_email_idx').on(t.discountCodeId, t.email),
    check('discount_redemptions_amount_positive', sql`${t.amount} > 0`),
    check('discount_redemptions_email_lowercase', sql`${t.email} = lower(${t.email})`),
  ],
);
