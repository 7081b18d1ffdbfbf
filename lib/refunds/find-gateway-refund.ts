// Paystack takes no idempotency key on POST /refund, so after an answer that did not arrive we look before asking
// again: the refunds Paystack lists around the time ours was made, on our transaction, carrying our refund's id in
// the merchant note we sent.
import type { PaystackClient, PaystackResult } from '../payments/paystack/client';
import type { Refund as GatewayRefund } from '../payments/paystack/types';
import { ok } from '../core/result';

/** Paystack's clock and ours may differ; a generous window costs a page or two more. */
const WINDOW_MS = 15 * 60_000;
const PER_PAGE = 100;
/** A bound on how far we page; a busy shop's 15 minutes fit easily. */
const MAX_PAGES = 50;

export const merchantNoteFor = (refundId: string, orderNumber: string) => `Shop refund ${refundId} for order ${orderNumber}`;

export async function findGatewayRefund(
  paystack: PaystackClient,
  refund: { id: string; createdAt: Date },
  transactionReference: string,
  now: Date,
): PaystackResult<GatewayRefund | null> {
  const from = new Date(refund.createdAt.getTime() - WINDOW_MS);
  const to = new Date(now.getTime() + WINDOW_MS);
  for (let page = 1; page <= MAX_PAGES; page++) {
    const listed = await paystack.listRefunds({ from, to, perPage: PER_PAGE, page });
    if (!listed.ok) return listed;
    const match = listed.value.refunds.find(
      (candidate) => candidate.transactionReference === transactionReference && candidate.merchantNote?.includes(refund.id),
    );
    if (match) return ok(match);
    if (page >= listed.value.pageCount || listed.value.refunds.length === 0) break;
  }
  return ok(null);
}
