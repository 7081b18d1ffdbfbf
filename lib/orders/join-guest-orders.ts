// A guest order placed with an address that an account has verified joins that account's order history. The address
// must be proven by the account's owner (a verify or reset link): an account that merely typed an address at
// registration never sees a guest's orders. Two moments, so the rule holds whichever comes first:
// - the account verifies its address → the guest orders already placed with it join (joinGuestOrders);
// - a guest places an order with an address a verified account holds → it joins at insert (verifiedAccountWithEmail).
// Only `orders.joined_user_id` is written: `user_id` stays null, so the guest's own order link keeps working, and the
// history reads (db/queries/orders.ts) and mayViewOrder take either column.
import { and, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orders, users } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';

/** The id of the verified account with this (lower-cased) address, as a subquery for the order's insert; NULL when none. */
export function verifiedAccountWithEmail(email: string): SQL<string | null> {
  // lower(email) matches the unique index users_email_unique, so this is one index probe.
  return sql<string | null>`(SELECT ${users.id} FROM ${users} WHERE lower(${users.email}) = ${email.toLowerCase()} AND ${users.emailVerifiedAt} IS NOT NULL)`;
}

/**
 * Joins the account's unclaimed guest orders placed with its address — only if the account's address is verified (read
 * in the same statement, so a caller cannot join by an unverified address by mistake). Returns the orders joined.
 */
export async function joinGuestOrders(tx: DbOrTx, userId: string): Promise<string[]> {
  const [account] = await tx
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.id, userId), isNotNull(users.emailVerifiedAt)));
  if (!account) return [];
  const joined = await tx
    .update(orders)
    .set({ joinedUserId: userId })
    .where(and(isNull(orders.userId), isNull(orders.joinedUserId), eq(orders.email, account.email)))
    .returning({ id: orders.id });
  const orderIds = joined.map((row) => row.id);
  if (orderIds.length > 0) {
    await recordAudit(tx, {
      actor: { type: 'user', id: userId },
      action: 'user.guest_orders_joined',
      entityType: 'user',
      entityId: userId,
      after: { orderIds },
    });
  }
  return orderIds;
}
