// The reconciliation of refunds Paystack accepted and never finished telling us about. A refund stays `pending` or
// `processing` at Paystack for days (card refunds take up to about ten business days), and its end comes only as a
// `refund.processed` / `refund.failed` webhook: if that one is lost (a wrong webhook URL, an outage longer than
// Paystack's 72 hours of retries), the shop would show the money as on its way for ever. So every refund Paystack has
// been silent about for an hour is asked about (`GET /refund/:id`), hourly, until it is final, and whatever Paystack
// says moves it through the refund state machine exactly as the webhook would have (moveRefund): a failed one makes
// its amount refundable again, puts the payment and order back, alerts the admins and tells the shopper.
//
// Why an hour: the webhook stays the fast path (seconds); an hour bounds how long a lost failure can leave the shop
// showing money as returned, and costs at most 24 calls a day per open refund, far inside Paystack's rate limits.
import { and, asc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { refunds } from '../../db/schema';
import type { AuditActor } from '../audit/record-audit';
import { describePaystackError } from '../payments/paystack/errors';
import type { Refund as GatewayRefund } from '../payments/paystack/types';
import { lockRefund } from './lock-refund';
import { moveRefund } from './move-refund';
import { fromGatewayStatus } from './refund-status';
import type { RefundDeps } from './submit-refund';

/** How long Paystack may be silent about an accepted, unfinished refund before the shop asks; also the interval between questions. */
export const OPEN_REFUND_CHECK_AFTER_SECONDS = 60 * 60;

/** Accepted by Paystack and not final: its webhook may still come, or may have been lost. */
const OPEN_STATUSES = ['pending', 'processing', 'needs_attention'] as const;

const ACTOR: AuditActor = { type: 'job', id: 'reconcile-refunds' };

export interface OpenRefundCheckOptions {
  silentForSeconds?: number;
  batchSize?: number;
  /** Only these refunds (tests, which share the database with other files). */
  onlyIds?: readonly string[];
}

/** settled: moved on (to processed, failed, …); unchanged: Paystack says what we have; unreachable: ask again next run. */
export interface OpenRefundCheckSummary {
  settled: number;
  unchanged: number;
  unreachable: number;
}

export async function checkOpenRefunds(deps: RefundDeps, opts: OpenRefundCheckOptions = {}): Promise<OpenRefundCheckSummary> {
  const summary: OpenRefundCheckSummary = { settled: 0, unchanged: 0, unreachable: 0 };
  if (opts.onlyIds?.length === 0) return summary;
  const heardOf = sql`coalesce(${refunds.gatewayCheckedAt}, ${refunds.updatedAt})`;
  const due = await deps.db
    .select({ id: refunds.id, gatewayRefundId: refunds.gatewayRefundId })
    .from(refunds)
    .where(
      and(
        inArray(refunds.status, [...OPEN_STATUSES]),
        isNotNull(refunds.gatewayRefundId),
        lt(heardOf, sql`now() - make_interval(secs => ${opts.silentForSeconds ?? OPEN_REFUND_CHECK_AFTER_SECONDS})`),
        opts.onlyIds ? inArray(refunds.id, [...opts.onlyIds]) : undefined,
      ),
    )
    .orderBy(asc(heardOf))
    .limit(opts.batchSize ?? 50);

  for (const { id, gatewayRefundId } of due) {
    const fetched = await deps.paystack.fetchRefund(Number(gatewayRefundId));
    if (!fetched.ok) {
      // Nothing is written, so the next run (5 minutes) asks again.
      summary.unreachable += 1;
      deps.log?.(`refunds: asking Paystack about refund ${id} failed: ${describePaystackError(fetched.error)}`);
      continue;
    }
    summary[(await applyGatewayState(deps, id, fetched.value)) ? 'settled' : 'unchanged'] += 1;
  }
  return summary;
}

/** Paystack's word on one refund, applied under the refund's locks; true when the refund moved. */
async function applyGatewayState(deps: RefundDeps, refundId: string, gateway: GatewayRefund): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const refund = await lockRefund(tx, refundId);
    if (!refund || refund.gatewayRefundId !== String(gateway.id)) return false;
    const to = fromGatewayStatus(gateway.status);
    const moved =
      to !== refund.status &&
      (await moveRefund(tx, refund, to, {
        actor: ACTOR,
        failureReason: to === 'failed' ? 'Paystack reports the refund as failed (found by the refund reconciliation; its webhook never arrived)' : undefined,
        metadata: { gatewayRefundId: gateway.id, gatewayStatus: gateway.status, source: 'GET /refund/:id' },
      }));
    // Asked and answered: the next question is an hour away whatever the answer (a refused late move included).
    if (!moved) await tx.update(refunds).set({ gatewayCheckedAt: sql`now()` }).where(eq(refunds.id, refundId));
    return moved;
  });
}
