// A refund row as every caller sees it (the admin order page, the JSON API, the shopper's order page, the jobs).
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { refunds } from '../../db/schema';
import { money } from '../core/money';
import type { RefundView } from './types';

export type RefundRow = typeof refunds.$inferSelect;

export function toRefundView(row: RefundRow): RefundView {
  return {
    id: row.id,
    orderId: row.orderId,
    paymentId: row.paymentId,
    amount: money(row.amount, row.currency),
    status: row.status,
    reason: row.reason,
    restock: row.restockLines.map(({ variantId, quantity, returnedToStock }) =>
      returnedToStock ? { variantId, quantity, returnedToStock } : { variantId, quantity },
    ),
    gatewayRefundId: row.gatewayRefundId,
    requestedBy: row.requestedBy,
    origin: row.origin,
    failureReason: row.failureReason,
    createdAt: row.createdAt.toISOString(),
    processedAt: row.processedAt?.toISOString() ?? null,
  };
}

export async function loadRefundView(db: DbOrTx, refundId: string): Promise<RefundView> {
  const [row] = await db.select().from(refunds).where(eq(refunds.id, refundId));
  if (!row) throw new Error(`Refund ${refundId} vanished`);
  return toRefundView(row);
}

/** Every refund of the order, oldest first, in whatever state it is. */
export async function listRefunds(db: DbOrTx, orderId: string): Promise<RefundView[]> {
  const rows = await db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(asc(refunds.createdAt), asc(refunds.id));
  return rows.map(toRefundView);
}
