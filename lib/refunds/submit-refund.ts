// Step 2 of a refund: the conversation with Paystack, outside any transaction. Paystack takes no idempotency key, so
// two rules keep one request from becoming two refunds:
// - one talker at a time: a worker first takes the refund's lease (a conditional UPDATE, committed at once); a replay
//   of the same request, the reconciliation job or a second tab that finds the lease taken does not call Paystack;
// - look before asking again: once a create has been sent, any later attempt first lists Paystack's refunds for ours
//   (findGatewayRefund) and adopts it; it sends a new create only when none is there and the last one went out long
//   enough ago that it cannot still be on its way into Paystack's records.
import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { orders, payments, refunds } from '../../db/schema';
import type { AuditActor } from '../audit/record-audit';
import { describePaystackError, type PaystackError } from '../payments/paystack/errors';
import type { PaystackClient } from '../payments/paystack/client';
import { findGatewayRefund, merchantNoteFor } from './find-gateway-refund';
import { recordGatewayRefund, recordRefundRejected } from './record-gateway-answer';
import type { RefundRow } from './refund-view';

export interface RefundDeps {
  db: Database;
  paystack: PaystackClient;
  now?: () => Date;
  /** How long a replay waits for another worker's live attempt before answering "pending confirmation". */
  inFlightWaitMs?: number;
  /** Where a job's notes go (the runner's log); silent when absent. */
  log?: (line: string) => void;
}

/** Far above one Paystack call (a create is one attempt; a list a few), so a live attempt never loses its lease. */
export const SUBMIT_LEASE_SECONDS = 120;
/** A create sent less than this long ago may still land at Paystack: look for it, but do not send another yet. */
export const RESEND_AFTER_SECONDS = 60;

/** accepted / rejected: Paystack answered (recorded). unknown: no answer; the refund stays `requested`. busy: not ours to try. */
export type SubmitOutcome = 'accepted' | 'rejected' | 'unknown' | 'busy';

type Claimed = RefundRow & { reference: string; orderNumber: string; mayResend: boolean };

export async function submitRefund(deps: RefundDeps, refundId: string, actor: AuditActor): Promise<SubmitOutcome> {
  const refund = await claim(deps.db, refundId);
  if (!refund) return 'busy';
  const now = deps.now ?? (() => new Date());

  if (refund.lastSubmittedAt) {
    const found = await findGatewayRefund(deps.paystack, refund, refund.reference, now());
    if (!found.ok) return release(deps.db, refund.id, `Looking the refund up at Paystack failed: ${describePaystackError(found.error)}`);
    if (found.value) return accepted(deps, refund.id, found.value, actor);
    if (!refund.mayResend) return release(deps.db, refund.id, 'Sent to Paystack moments ago and not listed there yet; looking again later');
  }

  // Committed before the call: from here on the refund may exist at Paystack, and every later attempt looks first.
  await deps.db.update(refunds).set({ lastSubmittedAt: sql`now()` }).where(eq(refunds.id, refund.id));
  const created = await deps.paystack.createRefund({
    transaction: refund.reference,
    amount: refund.amount,
    currency: refund.currency,
    merchantNote: merchantNoteFor(refund.id, refund.orderNumber),
    customerNote: refund.reason,
  });
  if (created.ok) return accepted(deps, refund.id, created.value, actor);
  if (created.error.kind === 'rejected') {
    await recordRefundRejected(deps.db, refund.id, created.error.message, actor);
    return 'rejected';
  }
  return afterNoAnswer(deps, refund, created.error, actor, now());
}

async function afterNoAnswer(deps: RefundDeps, refund: Claimed, error: PaystackError, actor: AuditActor, now: Date): Promise<SubmitOutcome> {
  const problem = describePaystackError(error);
  // A rejected key never reached the refund; anything else may have: adopt what Paystack made rather than retry.
  if (error.kind !== 'unauthorized') {
    const found = await findGatewayRefund(deps.paystack, refund, refund.reference, now);
    if (found.ok && found.value) return accepted(deps, refund.id, found.value, actor);
  }
  return release(deps.db, refund.id, problem);
}

async function accepted(deps: RefundDeps, refundId: string, gateway: Parameters<typeof recordGatewayRefund>[2], actor: AuditActor): Promise<SubmitOutcome> {
  await recordGatewayRefund(deps.db, refundId, gateway, actor);
  return 'accepted';
}

async function claim(db: Database, refundId: string): Promise<Claimed | undefined> {
  const [claimed] = await db
    .update(refunds)
    .set({ submitLeaseUntil: sql`now() + make_interval(secs => ${SUBMIT_LEASE_SECONDS})`, submitAttempts: sql`${refunds.submitAttempts} + 1` })
    .where(
      sql`${refunds.id} = ${refundId} AND ${refunds.status} = 'requested' AND (${refunds.submitLeaseUntil} IS NULL OR ${refunds.submitLeaseUntil} < now())`,
    )
    .returning({
      ...getTableColumns(refunds),
      mayResend: sql<boolean>`(${refunds.lastSubmittedAt} IS NULL OR ${refunds.lastSubmittedAt} < now() - make_interval(secs => ${RESEND_AFTER_SECONDS}))`,
    });
  if (!claimed) return undefined;
  const [owner] = await db
    .select({ reference: payments.reference, orderNumber: orders.number })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(eq(payments.id, claimed.paymentId));
  if (!owner) throw new Error(`Refund ${refundId} has no payment`);
  return { ...claimed, ...owner };
}

/** No answer: the lease goes, the refund stays `requested` for a replay or the reconciliation job. */
async function release(db: Database, refundId: string, problem: string): Promise<SubmitOutcome> {
  await db
    .update(refunds)
    .set({ submitLeaseUntil: null, lastSubmitError: problem.slice(0, 1_000) })
    .where(sql`${refunds.id} = ${refundId} AND ${refunds.status} = 'requested'`);
  return 'unknown';
}
