// Missed webhooks: payments still open after a while are verified with Paystack. A success goes through the same
// exactly-once commit path as the webhook, under the same event key, so a webhook that arrives later is a duplicate.
import { and, asc, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { payments } from '../../db/schema';
import type { CommitEffects } from './commit-payment';
import { confirmPayment, type ConfirmDeps } from './confirm-payment';
import { OPEN_PAYMENT_STATUSES, tryTransitionPayment } from './payment-status';

export interface ReconcileSummary {
  paid: CommitEffects[];
  closed: string[];
  unverified: string[];
}

export async function reconcilePayments(deps: ConfirmDeps, opts: { olderThanSeconds?: number; batchSize?: number } = {}): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = { paid: [], closed: [], unverified: [] };
  const open = await deps.db
    .select({ id: payments.id, reference: payments.reference, expired: sql<boolean>`${payments.expiresAt} < now()` })
    .from(payments)
    .where(
      and(
        inArray(payments.status, OPEN_PAYMENT_STATUSES),
        isNotNull(payments.authorizationUrl),
        lt(payments.createdAt, sql`now() - make_interval(secs => ${opts.olderThanSeconds ?? 120})`),
      ),
    )
    .orderBy(asc(payments.createdAt))
    .limit(opts.batchSize ?? 50);

  for (const payment of open) {
    const confirmed = await confirmPayment(deps, payment.reference, { type: 'job', id: 'reconcile-payments' });
    if (!confirmed.ok) {
      summary.unverified.push(payment.reference);
      continue;
    }
    const { transaction, applied } = confirmed.value;
    if (transaction.status === 'success') {
      if (applied?.kind === 'processed' && applied.effects) summary.paid.push(applied.effects);
    } else if (transaction.status === 'failed' || (transaction.status === 'abandoned' && payment.expired)) {
      // Paystack reports a fresh, untouched transaction as abandoned too: only close it once our intent has lapsed.
      // A webhook or the return page may have settled it meanwhile: then there is nothing to close.
      const status = transaction.status;
      const closed = await deps.db.transaction((tx) =>
        tryTransitionPayment(tx, payment.id, status, {
          extra: { failureReason: transaction.gatewayResponse ?? `Paystack: ${status}` },
          audit: { actor: { type: 'job', id: 'reconcile-payments' } },
        }),
      );
      if (closed) summary.closed.push(payment.reference);
    }
  }
  return summary;
}
