// Next glue for the dispute use cases (the dispute page's actions): their dependencies from this process, their
// expected failures in the error catalogue's terms with words an admin can act on, and the pages to render fresh.
import 'server-only';
import { revalidatePath } from 'next/cache';
import { AppError } from '@/lib/errors';
import { formatMoney } from '@/lib/core/money';
import type { DisputeDeps, DisputeError } from '@/lib/disputes/types';
import { paystackClient } from '@/lib/payments/paystack';
import type { DoorDeps } from './door-deps';

export function disputeDeps(deps: Pick<DoorDeps, 'db'>): DisputeDeps {
  return { db: deps.db, paystack: paystackClient() };
}

/** The refusal as the doors answer it (the answer action turns `dispute_pending_confirmation` into its own outcome first). */
export function disputeFailure(error: DisputeError): AppError {
  switch (error.code) {
    case 'not_found':
    case 'forbidden':
    case 'dispute_evidence_required':
    case 'dispute_file_required':
      return new AppError(error.code);
    case 'invalid_input':
      return new AppError('invalid_input', error.message);
    case 'dispute_closed':
      return new AppError('dispute_closed', `This dispute is ${error.status}: nothing more can be sent for it.`);
    case 'dispute_already_answered':
      return new AppError('dispute_already_answered', `This dispute was already ${error.answer === 'accept' ? 'accepted' : 'declined'}.`);
    case 'refund_exceeds_remaining': {
      const remaining = { amount: error.remaining, currency: error.currency };
      const message =
        error.remaining === 0
          ? 'Nothing can be given back on this dispute: refunds and other disputes already cover what was paid.'
          : `At most ${formatMoney(remaining)} can be given back on this dispute (what was disputed, and what refunds and other disputes leave of the payment).`;
      return new AppError('refund_exceeds_remaining', message, { remaining });
    }
    case 'dispute_pending_confirmation':
      return new AppError('service_unavailable', 'Paystack did not confirm in time. The dispute updates when Paystack’s webhook arrives.');
    case 'dispute_rejected':
      return new AppError('dispute_rejected', `Paystack refused it: ${error.message.replace(/[.\s]+$/, '')}. Nothing changed.`);
  }
}

export function revalidateDispute(disputeId: string, orderId: string | null): void {
  revalidatePath(`/admin/disputes/${disputeId}`);
  revalidatePath('/admin/disputes');
  if (orderId) revalidatePath(`/admin/orders/${orderId}`);
}
