// Payment reads for the admin console: every payment attempt with its order, searchable by reference or order number,
// filterable by status. Callers authorise the admin first; these reads are not scoped to a user.
import { and, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { type ListPage, listPage } from '../../lib/core/list-query';
import type { PaymentListQuery, PaymentListRow } from '../../lib/admin/payment-list-query';
import type { DbOrTx } from '../client';
import { orders, payments } from '../schema';
import { iso, likeContaining, sortBy } from './admin-ops-sql';

const sortColumns = {
  created: payments.createdAt,
  amount: payments.amount,
  status: sql`${payments.status}::text`,
  paid: payments.paidAt,
} as const;

export async function listAdminPayments(db: DbOrTx, query: PaymentListQuery): Promise<ListPage<PaymentListRow>> {
  const conditions: SQL[] = [];
  if (query.q) conditions.push(or(ilike(payments.reference, likeContaining(query.q)), ilike(orders.number, likeContaining(query.q))) as SQL);
  if (query.status) conditions.push(eq(payments.status, query.status));
  const where = conditions.length > 0 ? and(...conditions) : undefined;

  const [counted] = await db.select({ total: count() }).from(payments).innerJoin(orders, eq(orders.id, payments.orderId)).where(where);
  const rows = await db
    .select({
      id: payments.id,
      reference: payments.reference,
      status: payments.status,
      amount: payments.amount,
      currency: payments.currency,
      orderId: payments.orderId,
      orderNumber: orders.number,
      email: orders.email,
      gatewayTransactionId: payments.gatewayTransactionId,
      channel: payments.channel,
      failureReason: payments.failureReason,
      createdAt: payments.createdAt,
      paidAt: payments.paidAt,
      expired: sql<boolean>`${payments.expiresAt} < now()`,
    })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(where)
    .orderBy(...sortBy(sortColumns[query.sort], query.dir, payments.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return listPage(
    rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), paidAt: iso(row.paidAt) })),
    counted?.total ?? 0,
    query,
  );
}
