// Every writer of an existing refund locks order → payment → refund, the order in which the payment commit, the
// release job and step 1 of a refund lock, so refund answers, webhooks and new refunds of one order never deadlock.
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { orders, payments, refunds } from '../../db/schema';
import type { RefundRow } from './refund-view';

export async function lockRefund(tx: Tx, refundId: string): Promise<RefundRow | undefined> {
  const [owner] = await tx.select({ orderId: refunds.orderId, paymentId: refunds.paymentId }).from(refunds).where(eq(refunds.id, refundId));
  if (!owner) return undefined;
  await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, owner.orderId)).for('update');
  await tx.select({ id: payments.id }).from(payments).where(eq(payments.id, owner.paymentId)).for('update');
  const [refund] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for('update');
  return refund;
}
