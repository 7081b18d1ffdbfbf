// The Paystack return page's server work (callback_url): the reference in the URL is only a lookup key. We ask
// Paystack ourselves; a success goes through the webhook's exactly-once commit; a declined or cancelled attempt is
// recorded so the shopper sees it and a retry gets a fresh payment. What the page then shows comes from the database.
import { and, eq, inArray } from 'drizzle-orm';
import { findPaymentByReference } from '../../db/queries/orders';
import { payments } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { CommitEffects } from '../payments/commit-payment';
import { confirmPayment, type ConfirmDeps } from '../payments/confirm-payment';
import { PAYMENT_REFERENCE_PATTERN } from '../payments/reference';

export interface ReturnOutcome {
  orderId: string;
  orderUserId: string | null;
  /** Set when THIS call committed the payment: the caller runs the after-commit effects. */
  committed: CommitEffects | null;
  /** False when Paystack could not be asked (outage): the page polls until the webhook lands. */
  verified: boolean;
}

const OPEN = ['initialized', 'pending'] as const;

export async function confirmReturn(deps: ConfirmDeps, reference: string): Promise<ReturnOutcome | null> {
  if (reference.length > 100 || !PAYMENT_REFERENCE_PATTERN.test(reference)) return null;
  const payment = await findPaymentByReference(deps.db, reference);
  if (!payment) return null;
  const base = { orderId: payment.orderId, orderUserId: payment.orderUserId };
  // Settled payments need no call to Paystack: reloads of the page and late visitors read the database only.
  if (!(OPEN as readonly string[]).includes(payment.status)) return { ...base, committed: null, verified: true };

  const confirmed = await confirmPayment(deps, reference, { type: 'job', id: 'checkout-return' });
  if (!confirmed.ok) return { ...base, committed: null, verified: false };
  const { transaction, applied } = confirmed.value;

  if (transaction.status === 'failed' || transaction.status === 'abandoned') {
    // Paystack redirects here only after the shopper paid or cancelled, so "abandoned" is an answer, not silence.
    // If the old link is paid after all, the commit accepts a closed payment: no money is ever ignored.
    const closed = await deps.db
      .update(payments)
      .set({ status: transaction.status, failureReason: transaction.gatewayResponse ?? `Paystack: ${transaction.status}` })
      .where(and(eq(payments.id, payment.id), inArray(payments.status, [...OPEN])))
      .returning({ id: payments.id });
    if (closed.length > 0) {
      await recordAudit(deps.db, {
        actor: { type: 'system', id: 'checkout-return' },
        action: `payment.${transaction.status}`,
        entityType: 'payment',
        entityId: payment.id,
        before: { status: payment.status },
        after: { status: transaction.status, gatewayResponse: transaction.gatewayResponse },
      });
    }
  }
  const committed = applied?.kind === 'processed' && applied.effects ? applied.effects : null;
  return { ...base, committed, verified: true };
}
