// Payment reads for the admin console: every payment attempt with its order, searchable by reference or order number,
// filterable by status. Callers authorise the admin first; these reads are not scoped to a user.
import { and, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { type ListPage, type ListPaging, listPage } from '../../lib/core/list-query';
import type { CurrencyCode } from '../../lib/core/money';
import type { PaymentStatus } from '../schema/payments';
import type { DbOrTx } from '../client';
import { orders, payments } from '../schema';
import { iso, likeContaining, sortBy } from './admin-ops-sql';

/** What this read takes from the list's URL query (parsed by lib/admin/payment-list-query.ts; its output must fit). */
export interface PaymentListParams extends ListPaging<'created' | 'amount' | 'status' | 'paid'> {
  status?: PaymentStatus | undefined;
}

/** One row of the list, as JSON (dates as ISO strings, so the server-rendered page and the JSON route agree). */
export interface PaymentListRow {
  id: string;
  reference: string;
  status: PaymentStatus;
  amount: number;
  currency: CurrencyCode;
  orderId: string;
  orderNumber: string;
  email: string;
  gatewayTransactionId: number | null;
  channel: string | null;
  failureReason: string | null;
  createdAt: string;
  paidAt: string | null;
  /** The payment link has lapsed (a new attempt would make a new intent). */
  expired: boolean;
}

const sortColumns = {
  created: payments.createdAt,
  amount: payments.amount,
  status: sql`${payments.status}::text`,
  paid: payments.paidAt,
} as const;

export async function listAdminPayments(db: DbOrTx, query: PaymentListParams): Promise<ListPage<PaymentListRow>> {
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
