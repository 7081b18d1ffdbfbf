// CONFIRM OR CLOSE one open payment: the step reconciliation takes for each payment whose webhook never came, and what
// an admin's "Verify with Paystack" runs. Its verdict: a success is confirmed (confirmPayment's exactly-once commit,
// the webhook's event key, so whichever comes first wins); a failure CLOSES the intent; "abandoned" closes it only once
// our intent has lapsed, because Paystack reports a fresh, untouched transaction as abandoned too.
import { sql } from 'drizzle-orm';
import type { AuditActor } from '../../audit/record-audit';
import type { ApplyOutcome } from '../../webhooks/apply-once';
import type { CommitEffects } from '../commit-payment';
import { type ConfirmDeps, confirmPayment } from './confirm';
import { tryTransitionPayment } from '../payment-status';
import type { PaystackError } from '../paystack/errors';
import type { TransactionStatus } from '../paystack/types';

/** One payment's verdict: what Paystack said about its reference, and what the shop did about it. */
export type PaymentVerdict =
  /** Paystack took the money; `applied` says what the commit did (processed now, or a duplicate of an earlier one). */
  | { kind: 'paid'; applied: ApplyOutcome<CommitEffects> | null }
  /** Paystack says it failed or was abandoned; `moved` is false when someone settled the payment meanwhile. */
  | { kind: 'closed'; status: 'failed' | 'abandoned'; moved: boolean; gatewayResponse: string | null }
  /** Nothing final yet at Paystack (ongoing, pending, queued, or abandoned while our intent is still live). */
  | { kind: 'open'; status: TransactionStatus; gatewayResponse: string | null }
  /** Paystack could not be asked, or did not know the reference. */
  | { kind: 'unverified'; error: PaystackError };

export async function confirmOrClose(
  deps: ConfirmDeps,
  payment: { id: string; reference: string; expired: boolean },
  actor: AuditActor,
): Promise<PaymentVerdict> {
  const confirmed = await confirmPayment(deps, payment.reference, actor);
  if (!confirmed.ok) return { kind: 'unverified', error: confirmed.error };
  const { transaction, applied } = confirmed.value;
  const gatewayResponse = transaction.gatewayResponse;
  if (transaction.status === 'success') return { kind: 'paid', applied };
  if (transaction.status === 'failed' || (transaction.status === 'abandoned' && payment.expired)) {
    const status = transaction.status;
    // A webhook or the return page may have settled it meanwhile: then there is nothing to close.
    const moved = await deps.db.transaction((tx) =>
      tryTransitionPayment(tx, payment.id, status, {
        extra: { failureReason: gatewayResponse ?? `Paystack: ${status}`, lastCheckedAt: sql`now()` },
        audit: { actor },
      }),
    );
    return { kind: 'closed', status, moved, gatewayResponse };
  }
  return { kind: 'open', status: transaction.status, gatewayResponse };
}
