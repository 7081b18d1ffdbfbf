// Internal notes an admin keeps on an order or a customer ("rang to confirm the address", "prefers pickup"). Read only
// by admin pages and routes: no shopper-facing query selects from these tables. Append-only, like the audit log each
// note is also written to.
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './_columns';
import { orders } from './orders';
import { users } from './users';

/** Longest note, in characters (the use case refuses longer ones with a message; the CHECK is the backstop). */
export const NOTE_MAX_LENGTH = 2000;

export const orderNotes = pgTable(
  'order_notes',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    /** The admin who wrote it; null once that account is gone (the note stays). */
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('order_notes_order_idx').on(t.orderId, t.createdAt), check('order_notes_body_length', sql`char_length(${t.body}) BETWEEN 1 AND 2000`)],
);

/**
 * Notes on a customer, keyed by the email they buy with (lower-cased): an account's email, or a guest's, so the same
 * notes show on the account and on that email's guest checkouts.
 */
export const customerNotes = pgTable(
  'customer_notes',
  {
    id: id(),
    customerEmail: text('customer_email').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('customer_notes_email_idx').on(t.customerEmail, t.createdAt),
    check('customer_notes_email_lowercase', sql`${t.customerEmail} = lower(${t.customerEmail})`),
    check('customer_notes_body_length', sql`char_length(${t.body}) BETWEEN 1 AND 2000`),
  ],
);
