// The automatic refund the payment commit queues for money the shop cannot keep (a late payment whose stock was sold,
// a second payment for an order already paid or closed): everything that remains on THAT payment goes back, under a
// key derived from the payment, so the job running twice (or retried by Inngest) is still one refund.
import type { JobPayload } from '../jobs/events';
import { requestRefund } from './request-refund';
import type { RefundDeps } from './submit-refund';

export const automaticRefundKey = (paymentId: string) => `auto:${paymentId}`;

export type AutomaticRefundOutcome = { refundId: string; status: string } | { skipped: string };

export async function refundAutomatically(deps: RefundDeps, payload: JobPayload<'refund/requested'>): Promise<AutomaticRefundOutcome> {
  const result = await requestRefund(deps, {
    orderId: payload.orderId,
    paymentId: payload.paymentId,
    // Whatever remains rather than the payload's full amount: an admin may already have given part of it back.
    reason: payload.reason,
    actor: { kind: 'system', reason: 'automatic-refund' },
    idempotencyKey: automaticRefundKey(payload.paymentId),
  });
  if (result.ok) return { refundId: result.value.id, status: result.value.status };
  const error = result.error;
  switch (error.code) {
    // Recorded; the reconciliation schedule carries an unanswered one on, and a refused one alerted the admins.
    case 'refund_pending_confirmation':
    case 'refund_rejected':
      return { refundId: error.refund.id, status: error.refund.status };
    // Nothing left to give back on that payment (an admin refunded it by hand first).
    case 'not_refundable':
    case 'refund_exceeds_remaining':
      return { skipped: error.code };
    default:
      // The payload names an order and a payment the commit wrote: anything else is a bug worth retrying loudly.
      throw new Error(`Automatic refund of payment ${payload.paymentId} failed: ${JSON.stringify(error)}`);
  }
}
