// The reconciliation of refunds Paystack never answered (a timeout, a 5xx, a crash between steps): every few minutes,
// refunds still `requested` a minute after they were made go through the same look-then-create path as a replay,
// so a refund Paystack made is adopted and one it never saw is asked for once more.
import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { refunds } from '../../db/schema';
import { type RefundDeps, type SubmitOutcome, submitRefund } from './submit-refund';

export type ResumeSummary = Record<SubmitOutcome, number>;

export interface ResumeOptions {
  olderThanSeconds?: number;
  batchSize?: number;
  /** Only these refunds (an operator's retry; tests, which share the database with other files). */
  onlyIds?: readonly string[];
}

export async function resumeRequestedRefunds(deps: RefundDeps, opts: ResumeOptions = {}): Promise<ResumeSummary> {
  const summary: ResumeSummary = { accepted: 0, rejected: 0, unknown: 0, busy: 0 };
  if (opts.onlyIds?.length === 0) return summary;
  const due = await deps.db
    .select({ id: refunds.id })
    .from(refunds)
    .where(
      and(
        eq(refunds.status, 'requested'),
        lt(refunds.createdAt, sql`now() - make_interval(secs => ${opts.olderThanSeconds ?? 60})`),
        or(isNull(refunds.submitLeaseUntil), lt(refunds.submitLeaseUntil, sql`now()`)),
        opts.onlyIds ? inArray(refunds.id, [...opts.onlyIds]) : undefined,
      ),
    )
    .orderBy(asc(refunds.createdAt))
    .limit(opts.batchSize ?? 20);
  for (const refund of due) summary[await submitRefund(deps, refund.id, { type: 'job', id: 'reconcile-refunds' })] += 1;
  return summary;
}
