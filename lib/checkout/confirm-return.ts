// The Paystack return page's server work (callback_url): the reference in the URL is only a lookup key. We ask
// Paystack ourselves; a success goes through the webhook's exactly-once commit; a declined or cancelled attempt is
// recorded so the shopper sees it and a retry gets a fresh payment. What the page then shows comes from the database.
import { sql } from 'drizzle-orm';
import { findPaymentByReference } from '../../db/queries/orders';
import type { CommitEffects } from '../payments/commit-payment';
import { confirmPayment, type ConfirmDeps } from '../payments/confirm-payment';
import { isOpenPayment, tryTransitionPayment } from '../payments/payment-status';
import { PAYMENT_REFERENCE_PATTERN } from '../payments/reference';

export interface ReturnOutcome {
  orderId: string;
  orderUserId: string | null;
  /** Set when THIS call committed the payment: the caller runs the after-commit effects. */
  committed: CommitEffects | null;
  /** False when Paystack could not be asked (outage): the page polls until the webhook lands. */
  verified: boolean;
}

export async function confirmReturn(deps: ConfirmDeps, reference: string): Promise<ReturnOutcome | null> {
  if (reference.length > 100 || !PAYMENT_REFERENCE_PATTERN.test(reference)) return null;
  const payment = await findPaymentByReference(deps.db, reference);
  if (!payment) return null;
  const base = { orderId: payment.orderId, orderUserId: payment.orderUserId };
  // Settled payments need no call to Paystack: reloads of the page and late visitors read the database only.
  if (!isOpenPayment(payment.status)) return { ...base, committed: null, verified: true };

  const confirmed = await confirmPayment(deps, reference, { type: 'job', id: 'checkout-return' });
  if (!confirmed.ok) return { ...base, committed: null, verified: false };
  const { transaction, applied } = confirmed.value;

  const status = transaction.status;
  if (status === 'failed' || status === 'abandoned') {
    // Paystack redirects here only after the shopper paid or cancelled, so "abandoned" is an answer, not silence.
    // If the old link is paid after all, the commit accepts a closed payment: no money is ever ignored. A concurrent
    // visit or the webhook may have settled the payment first: then this is a no-op.
    await deps.db.transaction((tx) =>
      tryTransitionPayment(tx, payment.id, status, {
        extra: { failureReason: transaction.gatewayResponse ?? `Paystack: ${status}`, lastCheckedAt: sql`now()` },
        audit: {
          actor: { type: 'system', id: 'checkout-return' },
          before: { status: payment.status },
          after: { status, gatewayResponse: transaction.gatewayResponse },
        },
      }),
    );
  }
  const committed = applied?.kind === 'processed' && applied.effects ? applied.effects : null;
  return { ...base, committed, verified: true };
}
