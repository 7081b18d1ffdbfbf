// Next glue for settling a flagged payment (admin payment and order pages, and the JSON route): its failures in the
// error catalogue's terms, and what happens once it committed (the accepted order's jobs and cart).
import 'server-only';
import { AppError } from '@/lib/errors';
import type { ResolveError, ResolveOutcome } from '@/lib/payments/resolve-flagged-payment';
import { afterPaymentCommitted } from './payment-effects';
import { refundFailure } from './refunds';

export function resolveFailure(error: ResolveError): AppError {
  switch (error.code) {
    case 'payment_not_found':
    case 'forbidden':
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
    case 'payment_not_resolvable':
      return new AppError('payment_not_resolvable', error.message);
    case 'payment_unavailable':
      return new AppError('payment_unavailable', `${error.message} Nothing was changed; try again.`);
    default:
      return refundFailure(error);
  }
}

/**
 * An accepted payment sets off what any payment commit does (the buyer's cached cart, the relay for the order's jobs).
 * Nothing to revalidate: the admin pages that show payments are dynamic (rendered per request, never cached).
 */
export async function afterPaymentResolved(outcome: ResolveOutcome): Promise<void> {
  if (outcome.action === 'accept') await afterPaymentCommitted(outcome.effects);
}
