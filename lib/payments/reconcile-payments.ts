// Missed webhooks: payments still open after a while are verified with Paystack. A success goes through the same
// exactly-once commit path as the webhook, under the same event key, so a webhook that arrives later is a duplicate.
//
// Closed attempts too: a card declined on Paystack's page leaves the transaction failed, and the shopper can try
// another card on the same page — Paystack then takes the money on a payment we already closed. If that webhook is
// lost (a wrong webhook URL, an outage longer than Paystack's retries) nothing else would ever look at it again, so
// failed and abandoned attempts are asked again every RECHECK_EVERY_MINUTES for RECHECK_WINDOW_HOURS after they began.
import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { payments } from '../../db/schema';
import type { CommitEffects } from './commit-payment';
import { type ConfirmDeps, confirmOrClose, confirmPayment } from './ask-paystack';
import { OPEN_PAYMENT_STATUSES } from './payment-status';

export interface ReconcileSummary {
  paid: CommitEffects[];
  closed: string[];
  unverified: string[];
  /** Closed attempts asked again (see above); any that turned out paid are in `paid` too. */
  rechecked: string[];
}

/** How long after it began a closed attempt's Paystack page may still take a card, and how often it is asked again. */
export const RECHECK_WINDOW_HOURS = 24;
export const RECHECK_EVERY_MINUTES = 15;

export async function reconcilePayments(deps: ConfirmDeps, opts: { olderThanSeconds?: number; batchSize?: number } = {}): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = { paid: [], closed: [], unverified: [], rechecked: [] };
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
    const verdict = await confirmOrClose(deps, payment, { type: 'job', id: 'reconcile-payments' });
    if (verdict.kind === 'unverified') summary.unverified.push(payment.reference);
    else if (verdict.kind === 'paid' && verdict.applied?.kind === 'processed' && verdict.applied.effects) summary.paid.push(verdict.applied.effects);
    else if (verdict.kind === 'closed' && verdict.moved) summary.closed.push(payment.reference);
  }
  await recheckClosedAttempts(deps, summary, opts.batchSize ?? 50);
  return summary;
}

async function recheckClosedAttempts(deps: ConfirmDeps, summary: ReconcileSummary, batchSize: number): Promise<void> {
  const due = await deps.db
    .select({ id: payments.id, reference: payments.reference })
    .from(payments)
    .where(
      and(
        inArray(payments.status, ['failed', 'abandoned']),
        isNotNull(payments.authorizationUrl),
        gt(payments.createdAt, sql`now() - make_interval(hours => ${RECHECK_WINDOW_HOURS})`),
        or(isNull(payments.lastCheckedAt), lt(payments.lastCheckedAt, sql`now() - make_interval(mins => ${RECHECK_EVERY_MINUTES})`)),
      ),
    )
    .orderBy(sql`${payments.lastCheckedAt} ASC NULLS FIRST`)
    .limit(batchSize);

  for (const payment of due) {
    summary.rechecked.push(payment.reference);
    const confirmed = await confirmPayment(deps, payment.reference, { type: 'job', id: 'reconcile-payments' });
    if (!confirmed.ok) {
      summary.unverified.push(payment.reference);
      continue;
    }
    const { applied } = confirmed.value;
    if (applied?.kind === 'processed' && applied.effects) summary.paid.push(applied.effects);
    // Still not paid (or settled meanwhile): ask again after the interval, not on every run. Only the clock moves.
    else
      await deps.db
        .update(payments)
        .set({ lastCheckedAt: sql`now()` })
        .where(and(eq(payments.id, payment.id), inArray(payments.status, ['failed', 'abandoned'])));
  }
}
