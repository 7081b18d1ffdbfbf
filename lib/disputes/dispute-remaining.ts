// How much an acceptance of this dispute may still give back: what the payment captured, less every refund not failed
// and every other dispute's loss (the same sums the refund use case counts), and never more than was disputed.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { payments, refunds } from '../../db/schema';
import { disputeLossOnPayment } from './dispute-balance';

export async function remainingForDispute(db: DbOrTx, dispute: { id: string; paymentId: string | null; amount: number }): Promise<number> {
  if (!dispute.paymentId) return dispute.amount;
  const [payment] = await db.select({ amount: payments.amount }).from(payments).where(eq(payments.id, dispute.paymentId));
  if (!payment) return dispute.amount;
  const [refunded] = await db
    .select({ sum: sql<number>`coalesce(sum(${refunds.amount}), 0)::int` })
    .from(refunds)
    .where(and(eq(refunds.paymentId, dispute.paymentId), ne(refunds.status, 'failed')));
  const others = await disputeLossOnPayment(db, dispute.paymentId, dispute.id);
  return Math.max(0, payment.amount - (refunded?.sum ?? 0) - others);
}
