// Missed webhooks: payments still open after a while are verified with Paystack. A success goes through the same
// exactly-once commit path as the webhook, under the same event key, so a webhook that arrives later is a duplicate.
import { and, asc, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { payments } from '../../db/schema';
import type { CommitEffects } from './commit-payment';
import type { ConfirmDeps } from './confirm-payment';
import { OPEN_PAYMENT_STATUSES } from './payment-status';
import { verifyOpenPayment } from './verify-open-payment';

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
    const verdict = await verifyOpenPayment(deps, payment, { type: 'job', id: 'reconcile-payments' });
    if (verdict.kind === 'unverified') summary.unverified.push(payment.reference);
    else if (verdict.kind === 'paid' && verdict.applied?.kind === 'processed' && verdict.applied.effects) summary.paid.push(verdict.applied.effects);
    else if (verdict.kind === 'closed' && verdict.moved) summary.closed.push(payment.reference);
  }
  return summary;
}
