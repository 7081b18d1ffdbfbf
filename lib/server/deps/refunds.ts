// Next glue for the refund use case, shared by the admin order page's action and the JSON API: its dependencies
// from this process, and its expected failures in the error catalogue's terms with words an admin can act on.
import 'server-only';
import { revalidatePath } from 'next/cache';
import { AppError } from '@/lib/errors';
import { formatMoney } from '@/lib/core/money';
import { paystackClient } from '@/lib/payments/paystack';
import type { RefundDeps } from '@/lib/refunds/request-refund';
import type { RefundError } from '@/lib/refunds/types';
import type { DoorDeps } from './door-deps';

export function refundDeps(deps: Pick<DoorDeps, 'db'>): RefundDeps {
  return { db: deps.db, paystack: paystackClient() };
}

const paymentWords: Record<string, string> = {
  unpaid: 'This order has not been paid, so there is nothing to refund.',
  initialized: 'This order has not been paid, so there is nothing to refund.',
  pending: 'This order has not been paid, so there is nothing to refund.',
  failed: 'This order has not been paid, so there is nothing to refund.',
  abandoned: 'This order has not been paid, so there is nothing to refund.',
  refunded: 'This order has already been refunded in full.',
  needs_review: 'This payment is flagged for review: settle it before refunding.',
};

/** The refusal as the doors answer it; `refund_pending_confirmation` is not one (callers answer it as accepted). */
export function refundFailure(error: Exclude<RefundError, { code: 'refund_pending_confirmation' }>): AppError {
  switch (error.code) {
    case 'order_not_found':
    case 'forbidden':
    case 'idempotency_key_reused':
      return new AppError(error.code);
    case 'invalid_input':
      return new AppError('invalid_input', error.message);
    case 'payment_not_flagged':
      return new AppError(
        'payment_not_flagged',
        `This payment is no longer waiting for review (it is ${error.status.replaceAll('_', ' ')}). Reload to see it.`,
        {
          paymentStatus: error.status,
        },
      );
    case 'not_refundable':
      return new AppError(
        'not_refundable',
        paymentWords[error.status] ?? `This order's payment is ${error.status.replaceAll('_', ' ')}, so it cannot be refunded.`,
        {
          paymentStatus: error.status,
        },
      );
    case 'refund_exceeds_remaining': {
      const remaining = { amount: error.remaining, currency: error.currency };
      const message =
        error.remaining === 0
          ? 'Nothing can be refunded any more: earlier refunds already cover everything that was paid.'
          : `Only ${formatMoney(remaining)} can still be refunded on this order.`;
      return new AppError('refund_exceeds_remaining', message, { remaining, requested: { amount: error.requested, currency: error.currency } });
    }
    case 'refund_rejected':
      return new AppError('refund_rejected', `Paystack refused the refund: ${error.message.replace(/[.\s]+$/, '')}. Nothing was refunded.`, {
        refund: error.refund,
      });
  }
}

/** After a refund changed: the admin pages that show the order render fresh on their next request. */
export function revalidateRefundedOrder(orderId: string): void {
  revalidatePath(`/admin/orders/${orderId}`);
  revalidatePath('/admin/orders');
}
