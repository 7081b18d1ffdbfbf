// The money of one order in one read, for the admin order page and the shopper's order page: what Paystack captured
// on each payment and its fee, every refund with its state, every dispute with what it cost, and what is left once
// refunds and dispute losses are taken off.
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { disputes, orders, payments } from '../../db/schema';
import { money } from '../core/money';
import { listRefunds } from './refund-view';
import type { LedgerDispute, LedgerPayment, OrderLedger, RefundStatus } from './types';

/** Statuses in which the payment's money reached the shop. A flagged charge (needs_review) did too: it is listed. */
const CHARGED = ['paid', 'partially_refunded', 'refunded', 'needs_review'];
const IN_PROGRESS: readonly RefundStatus[] = ['requested', 'pending', 'processing', 'needs_attention'];

export async function orderLedger(db: DbOrTx, orderId: string): Promise<OrderLedger | null> {
  const [order] = await db.select({ id: orders.id, currency: orders.currency }).from(orders).where(eq(orders.id, orderId));
  if (!order) return null;
  const [paymentRows, refunds, disputeRows] = await Promise.all([
    db.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(asc(payments.createdAt), asc(payments.id)),
    listRefunds(db, orderId),
    db.select().from(disputes).where(eq(disputes.orderId, orderId)).orderBy(asc(disputes.createdAt), asc(disputes.id)),
  ]);
  const { currency } = order;
  const ledgerPayments: LedgerPayment[] = paymentRows
    .filter((payment) => CHARGED.includes(payment.status))
    .map((payment) => ({
      paymentId: payment.id,
      reference: payment.reference,
      status: payment.status,
      charged: money(payment.amount, payment.currency),
      fees: payment.feesAmount === null ? null : money(payment.feesAmount, payment.currency),
      refunded: money(payment.refundedAmount, payment.currency),
      paidAt: payment.paidAt?.toISOString() ?? null,
    }));
  const sum = (amounts: number[]) => amounts.reduce((total, amount) => total + amount, 0);
  const charged = sum(ledgerPayments.map((payment) => payment.charged.amount));
  const fees = sum(ledgerPayments.map((payment) => payment.fees?.amount ?? 0));
  const refunded = sum(refunds.filter((refund) => refund.status === 'processed').map((refund) => refund.amount.amount));
  const inProgress = sum(refunds.filter((refund) => IN_PROGRESS.includes(refund.status)).map((refund) => refund.amount.amount));
  const ledgerDisputes: LedgerDispute[] = disputeRows.map((dispute) => ({
    id: dispute.id,
    status: dispute.status,
    disputed: money(dispute.amount, dispute.currency),
    loss: money(dispute.lossAmount, dispute.currency),
    createdAt: dispute.createdAt.toISOString(),
  }));
  const disputeLosses = sum(ledgerDisputes.map((dispute) => dispute.loss.amount));
  const net = charged - refunded - inProgress - disputeLosses;
  return {
    orderId,
    currency,
    payments: ledgerPayments,
    refunds,
    charged: money(charged, currency),
    fees: money(fees, currency),
    refunded: money(refunded, currency),
    refundsInProgress: money(inProgress, currency),
    disputes: ledgerDisputes,
    disputeLosses: money(disputeLosses, currency),
    net: money(net, currency),
    netAfterFees: money(net - fees, currency),
  };
}
