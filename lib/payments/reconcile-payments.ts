// Missed webhooks: payments still open after a while are verified with Paystack. A success goes through the same
// exactly-once commit path as the webhook, under the same event key, so a webhook that arrives later is a duplicate.
import { and, asc, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { payments } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { CommitEffects } from './commit-payment';
import { confirmPayment, type ConfirmDeps } from './confirm-payment';

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
        inArray(payments.status, ['initialized', 'pending']),
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
    const { transaction: tx, applied } = confirmed.value;
    if (tx.status === 'success') {
      if (applied?.kind === 'processed' && applied.effects) summary.paid.push(applied.effects);
    } else if (tx.status === 'failed' || (tx.status === 'abandoned' && payment.expired)) {
      // Paystack reports a fresh, untouched transaction as abandoned too: only close it once our intent has lapsed.
      const closed = await deps.db
        .update(payments)
        .set({ status: tx.status, failureReason: tx.gatewayResponse ?? `Paystack: ${tx.status}` })
        .where(and(inArray(payments.status, ['initialized', 'pending']), sql`${payments.id} = ${payment.id}`))
        .returning({ id: payments.id });
      if (closed.length > 0) {
        summary.closed.push(payment.reference);
        await recordAudit(deps.db, {
          actor: { type: 'job', id: 'reconcile-payments' },
          action: `payment.${tx.status}`,
          entityType: 'payment',
          entityId: payment.id,
          after: { status: tx.status },
        });
      }
    }
  }
  return summary;
}
