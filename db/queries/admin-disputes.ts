// Dispute reads for the admin console: the inbox (searchable by order number or payment reference, filterable by
// status and by "due within 48 hours", soonest deadline first) and one dispute with its order. Callers authorise the
// admin first; these reads are not scoped to a user.
import { and, count, eq, ilike, inArray, isNotNull, or, type SQL, sql } from 'drizzle-orm';
import { type ListPage, type ListPaging, listPage } from '../../lib/core/list-query';
import type { CurrencyCode } from '../../lib/core/money';
import type { DbOrTx } from '../client';
import { type DisputeEvidenceRecord, type DisputeStatus, disputes, orders, payments } from '../schema';
import { iso, likeContaining, sortBy } from './admin-ops-sql';

const OPEN: DisputeStatus[] = ['awaiting_merchant_feedback', 'awaiting_bank_feedback', 'pending'];

/** Open and due within 48 hours by the database clock (or already overdue): the dashboard card and the `due=48h` filter. */
export const disputeDueSoon: SQL = and(inArray(disputes.status, OPEN), isNotNull(disputes.dueAt), sql`${disputes.dueAt} <= now() + interval '48 hours'`) as SQL;

export interface DisputeListParams extends ListPaging<'due' | 'created' | 'amount' | 'status'> {
  status?: DisputeStatus | 'open' | undefined;
  due?: '48h' | undefined;
}

/** One row of the inbox, as JSON (dates as ISO strings, so the server-rendered page and the JSON route agree). */
export interface DisputeListRow {
  id: string;
  gatewayDisputeId: number;
  status: DisputeStatus;
  amount: number;
  lossAmount: number;
  currency: CurrencyCode;
  category: string | null;
  reason: string | null;
  dueAt: string | null;
  resolvedAt: string | null;
  createdAt: string;
  orderId: string | null;
  orderNumber: string | null;
  transactionReference: string;
  answer: string | null;
  evidenceSubmittedAt: string | null;
}

const sortColumns = {
  due: disputes.dueAt,
  created: disputes.createdAt,
  amount: disputes.amount,
  status: sql`${disputes.status}::text`,
} as const;

const rowColumns = {
  id: disputes.id,
  gatewayDisputeId: disputes.gatewayDisputeId,
  status: disputes.status,
  amount: disputes.amount,
  lossAmount: disputes.lossAmount,
  currency: disputes.currency,
  category: disputes.category,
  reason: disputes.reason,
  dueAt: disputes.dueAt,
  resolvedAt: disputes.resolvedAt,
  createdAt: disputes.createdAt,
  orderId: disputes.orderId,
  orderNumber: orders.number,
  transactionReference: disputes.transactionReference,
  answer: disputes.answer,
  evidenceSubmittedAt: disputes.evidenceSubmittedAt,
};

type RowRead = { [K in keyof typeof rowColumns]: unknown } & {
  dueAt: Date | null;
  resolvedAt: Date | null;
  createdAt: Date;
  evidenceSubmittedAt: Date | null;
};

function toRow<R extends RowRead>(row: R): DisputeListRow {
  return {
    ...(row as unknown as DisputeListRow),
    dueAt: iso(row.dueAt),
    resolvedAt: iso(row.resolvedAt),
    createdAt: row.createdAt.toISOString(),
    evidenceSubmittedAt: iso(row.evidenceSubmittedAt),
  };
}

export async function listAdminDisputes(db: DbOrTx, query: DisputeListParams): Promise<ListPage<DisputeListRow>> {
  const conditions: SQL[] = [];
  if (query.q) conditions.push(or(ilike(disputes.transactionReference, likeContaining(query.q)), ilike(orders.number, likeContaining(query.q))) as SQL);
  if (query.status === 'open') conditions.push(inArray(disputes.status, OPEN));
  else if (query.status) conditions.push(eq(disputes.status, query.status));
  if (query.due === '48h') conditions.push(disputeDueSoon);
  const where = conditions.length > 0 ? and(...conditions) : undefined;

  const [counted] = await db.select({ total: count() }).from(disputes).leftJoin(orders, eq(orders.id, disputes.orderId)).where(where);
  const rows = await db
    .select(rowColumns)
    .from(disputes)
    .leftJoin(orders, eq(orders.id, disputes.orderId))
    .where(where)
    .orderBy(...sortBy(sortColumns[query.sort], query.dir, disputes.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return listPage(rows.map(toRow), counted?.total ?? 0, query);
}

export interface AdminDispute extends DisputeListRow {
  paymentId: string | null;
  resolution: string | null;
  answerMessage: string | null;
  answeredAt: string | null;
  evidence: DisputeEvidenceRecord | null;
  attachmentFilename: string | null;
  reminders: number;
  order: { email: string; shippingAddress: unknown; paidAt: string | null; totalAmount: number } | null;
  payment: { amount: number; refundedAmount: number; status: string } | null;
}

export async function getAdminDispute(db: DbOrTx, id: string): Promise<AdminDispute | null> {
  const [row] = await db
    .select({
      ...rowColumns,
      paymentId: disputes.paymentId,
      resolution: disputes.resolution,
      answerMessage: disputes.answerMessage,
      answeredAt: disputes.answeredAt,
      evidence: disputes.evidence,
      attachmentFilename: disputes.attachmentFilename,
      reminders: disputes.reminders,
      orderEmail: orders.email,
      orderAddress: orders.shippingAddress,
      orderPaidAt: orders.paidAt,
      orderTotal: orders.totalAmount,
      paymentAmount: payments.amount,
      paymentRefunded: payments.refundedAmount,
      paymentStatus: payments.status,
    })
    .from(disputes)
    .leftJoin(orders, eq(orders.id, disputes.orderId))
    .leftJoin(payments, eq(payments.id, disputes.paymentId))
    .where(eq(disputes.id, id));
  if (!row) return null;
  const { orderEmail, orderAddress, orderPaidAt, orderTotal, paymentAmount, paymentRefunded, paymentStatus, answeredAt, ...rest } = row;
  return {
    ...toRow(rest),
    paymentId: rest.paymentId,
    resolution: rest.resolution,
    answerMessage: rest.answerMessage,
    answeredAt: iso(answeredAt),
    evidence: rest.evidence,
    attachmentFilename: rest.attachmentFilename,
    reminders: rest.reminders,
    order:
      orderEmail !== null && orderTotal !== null
        ? { email: orderEmail, shippingAddress: orderAddress, paidAt: iso(orderPaidAt), totalAmount: orderTotal }
        : null,
    payment:
      paymentAmount !== null && paymentRefunded !== null && paymentStatus !== null
        ? { amount: paymentAmount, refundedAmount: paymentRefunded, status: paymentStatus }
        : null,
  };
}
