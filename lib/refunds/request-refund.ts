// The refund use case, for every door: the admin order page's action, the JSON API (with its Idempotency-Key) and the
// automatic refunds of money the shop cannot keep. Three steps, no transaction held across the network:
// 1. openRefund: one transaction decides (admin re-checked, payment locked, amount within what remains, restock lines
//    valid) and commits a `requested` row under the caller's key — or finds the row that key already made;
// 2. submitRefund: Paystack is asked (or, after an answer that never came, looked up first);
// 3. its answer is applied in one transaction (money, statuses, stock, the shopper's email through the outbox).
// The same key again is the same refund: a replay arriving while another worker talks to Paystack waits for that
// attempt to end and answers with its outcome, so a double click, a retried request and two tabs all see one answer.
import { eq } from 'drizzle-orm';
import { refunds } from '../../db/schema';
import type { AuditActor } from '../audit/record-audit';
import { describeInputError } from '../errors';
import { err, ok, type Result } from '../core/result';
import { openRefund } from './open-refund';
import { auditActorOf, requestRefundInputSchema } from './refund-rules';
import { loadRefundView } from './refund-view';
import { type RefundDeps, SUBMIT_LEASE_SECONDS, submitRefund } from './submit-refund';
import type { RefundError, RefundView, RequestRefundInput } from './types';

export type { RefundDeps } from './submit-refund';

const POLL_MS = 50;

export async function requestRefund(deps: RefundDeps, input: RequestRefundInput): Promise<Result<RefundView, RefundError>> {
  const parsed = requestRefundInputSchema.safeParse(input);
  if (!parsed.success) return err({ code: 'invalid_input', message: describeInputError(parsed.error) });
  const opened = await openRefund(deps.db, parsed.data);
  if (!opened.ok) return opened;
  return driveRefund(deps, opened.value.refund.id, auditActorOf(parsed.data.actor));
}

/**
 * Takes the refund as far as it can go now: asks Paystack if nobody else is, else waits (bounded) for whoever is.
 * Then answers with the refund as it stands.
 */
export async function driveRefund(deps: RefundDeps, refundId: string, actor: AuditActor): Promise<Result<RefundView, RefundError>> {
  const deadline = Date.now() + (deps.inFlightWaitMs ?? SUBMIT_LEASE_SECONDS * 1_000);
  for (;;) {
    const outcome = await submitRefund(deps, refundId, actor);
    if (outcome !== 'busy') break;
    const [row] = await deps.db.select({ status: refunds.status }).from(refunds).where(eq(refunds.id, refundId));
    if (row?.status !== 'requested' || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return answerFor(await loadRefundView(deps.db, refundId));
}

/** A refund as an answer: still waiting for Paystack, refused or failed there, or on its way (any later state). */
export function answerFor(refund: RefundView): Result<RefundView, RefundError> {
  if (refund.status === 'requested') return err({ code: 'refund_pending_confirmation', refund });
  if (refund.status === 'failed') return err({ code: 'refund_rejected', message: refund.failureReason ?? 'Paystack did not complete the refund', refund });
  return ok(refund);
}
