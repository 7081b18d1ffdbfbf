// Internal notes for the admin order and customer pages, newest first, with each author's name. Admin-only reads:
// callers authorise the admin first, and no shopper-facing query joins these tables.
import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { customerNotes, orderNotes, users } from '../schema';

export interface AdminNote {
  id: string;
  body: string;
  authorId: string | null;
  authorName: string | null;
  createdAt: string;
}

const NOTE_LIMIT = 200;

export async function listOrderNotes(db: DbOrTx, orderId: string): Promise<AdminNote[]> {
  const rows = await db
    .select({ id: orderNotes.id, body: orderNotes.body, authorId: orderNotes.authorId, authorName: users.name, createdAt: orderNotes.createdAt })
    .from(orderNotes)
    .leftJoin(users, eq(users.id, orderNotes.authorId))
    .where(eq(orderNotes.orderId, orderId))
    .orderBy(desc(orderNotes.createdAt), desc(orderNotes.id))
    .limit(NOTE_LIMIT);
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

/** Notes on whoever buys with this email (an account's or a guest's). */
export async function listCustomerNotes(db: DbOrTx, email: string): Promise<AdminNote[]> {
  const rows = await db
    .select({
      id: customerNotes.id,
      body: customerNotes.body,
      authorId: customerNotes.authorId,
      authorName: users.name,
      createdAt: customerNotes.createdAt,
    })
    .from(customerNotes)
    .leftJoin(users, eq(users.id, customerNotes.authorId))
    .where(eq(customerNotes.customerEmail, email.toLowerCase()))
    .orderBy(desc(customerNotes.createdAt), desc(customerNotes.id))
    .limit(NOTE_LIMIT);
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}
