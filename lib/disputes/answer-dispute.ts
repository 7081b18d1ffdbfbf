// The admin's answer to a dispute: accept (give back `refundAmount`) or decline (the evidence stands), sent to
// Paystack's `PUT /dispute/:id/resolve`. As with a refund, nothing is held across the network call:
//
// 1. One transaction under the order's, the payment's and the dispute's locks (the shop's lock order): the admin is
//    re-checked against the database; the dispute must be open and unanswered, with a file uploaded to it (Paystack's
//    resolve requires `uploaded_filename` with every answer, so without one nothing is recorded or sent); an acceptance must fit in what is left
//    of the payment — captured − every refund not failed − every other dispute's loss — and in what was disputed.
//    The answer is recorded, and an acceptance's amount is counted as this dispute's loss from this moment, so a refund
//    racing it sees the money as gone. Commit.
// 2. Paystack's resolve. Refused: the answer and its loss are taken back. No answer (timeout, 5xx): the answer stands
//    and the dispute follows Paystack's `charge.dispute.resolve` webhook (the money stays counted — the safe side).
// 3. Paystack's answer (the dispute as it is now) is applied like a webhook's snapshot.
import { eq, sql } from 'drizzle-orm';
import { disputes, orders, payments, users } from '../../db/schema';
import type { Tx } from '../../db/client';
import { recordAudit } from '../audit/record-audit';
import { err, ok, type Result } from '../core/result';
import { isOutcomeUnknown } from '../payments/paystack/errors';
import { describePaystackError } from '../payments/paystack/errors';
import { applySnapshot } from './apply-dispute-event';
import { remainingForDispute } from './dispute-remaining';
import { resolveAcceptAmount } from './dispute-rules';
import { isFinalDispute } from './dispute-status';
import type { DisputeDeps, DisputeError } from './types';

export interface AnswerDisputeInput {
  disputeId: string;
  adminId: string;
  answer: 'accept' | 'decline';
  message: string;
  /** Acceptance only: minor units to give back; omitted = everything disputed that is still refundable. */
  refundAmount?: number | undefined;
}

type DisputeRow = typeof disputes.$inferSelect;

export async function answerDispute(deps: DisputeDeps, input: AnswerDisputeInput): Promise<Result<DisputeRow, DisputeError>> {
  const opened = await deps.db.transaction((tx) => recordAnswer(tx, input));
  if (!opened.ok) return opened;
  const { row, refundAmount, uploadedFilename } = opened.value;

  const reply = await deps.paystack.resolveDispute(row.gatewayDisputeId, {
    resolution: input.answer === 'accept' ? 'merchant-accepted' : 'declined',
    message: input.message,
    refundAmount,
    uploadedFilename,
    evidence: row.gatewayEvidenceId ?? undefined,
  });
  if (!reply.ok) {
    if (isOutcomeUnknown(reply.error)) return err({ code: 'dispute_pending_confirmation' });
    await deps.db.transaction((tx) => withdrawAnswer(tx, row.id, input.adminId, describePaystackError(reply.error)));
    return err({ code: 'dispute_rejected', message: reply.error.message });
  }
  const applied = await deps.db.transaction(async (tx) => {
    const { dispute: locked } = await lockDispute(tx, row.id);
    if (!locked) throw new Error(`Dispute ${row.id} vanished`);
    await applySnapshot(tx, locked, reply.value, { type: 'admin', id: input.adminId });
    const [after] = await tx.select().from(disputes).where(eq(disputes.id, row.id));
    return after ?? locked;
  });
  return ok(applied);
}

async function recordAnswer(
  tx: Tx,
  input: AnswerDisputeInput,
): Promise<Result<{ row: DisputeRow; refundAmount: number; uploadedFilename: string }, DisputeError>> {
  const [user] = await tx.select({ role: users.role }).from(users).where(eq(users.id, input.adminId));
  if (user?.role !== 'admin') return err({ code: 'forbidden' });
  const { dispute: row } = await lockDispute(tx, input.disputeId);
  if (!row) return err({ code: 'not_found' });
  if (isFinalDispute(row.status)) return err({ code: 'dispute_closed', status: row.status });
  if (row.answer) return err({ code: 'dispute_already_answered', answer: row.answer });
  if (input.answer === 'decline' && !row.evidenceSubmittedAt) return err({ code: 'dispute_evidence_required' });
  // Paystack refuses a resolve without `uploaded_filename`: ask for the file before anything is recorded.
  const uploadedFilename = row.attachmentFilename;
  if (!uploadedFilename) return err({ code: 'dispute_file_required' });

  let refundAmount = 0;
  if (input.answer === 'accept') {
    // Under the order's and payment's locks: a refund racing this acceptance is decided before or after it, never beside.
    const remaining = await remainingForDispute(tx, row);
    const amount = resolveAcceptAmount(row.amount, remaining, input.refundAmount);
    if (!amount.ok) return err({ code: 'refund_exceeds_remaining', ...amount.error, currency: row.currency });
    refundAmount = amount.value;
  }
  const [answered] = await tx
    .update(disputes)
    .set({ answer: input.answer, answerMessage: input.message, answeredAt: sql`now()`, answeredBy: input.adminId, lossAmount: refundAmount })
    .where(eq(disputes.id, row.id))
    .returning();
  await recordAudit(tx, {
    actor: { type: 'admin', id: input.adminId },
    action: `dispute.${input.answer}_sent`,
    entityType: 'dispute',
    entityId: row.id,
    before: { lossAmount: row.lossAmount },
    after: { answer: input.answer, lossAmount: refundAmount },
    metadata: { orderId: row.orderId, message: input.message },
  });
  return ok({ row: answered ?? row, refundAmount, uploadedFilename });
}

/** Paystack refused the answer: it was never given, so the dispute is open to answer again and its loss goes back to 0. */
async function withdrawAnswer(tx: Tx, disputeId: string, adminId: string, reason: string): Promise<void> {
  const { dispute: row } = await lockDispute(tx, disputeId);
  if (!row || isFinalDispute(row.status)) return;
  await tx.update(disputes).set({ answer: null, answerMessage: null, answeredAt: null, answeredBy: null, lossAmount: 0 }).where(eq(disputes.id, disputeId));
  await recordAudit(tx, {
    actor: { type: 'admin', id: adminId },
    action: 'dispute.answer_refused',
    entityType: 'dispute',
    entityId: disputeId,
    before: { answer: row.answer, lossAmount: row.lossAmount },
    after: { answer: null, lossAmount: 0 },
    metadata: { reason },
  });
}

/** The dispute with its order and payment, locked in the shop's order: order, payment, then the dispute. */
async function lockDispute(tx: Tx, disputeId: string) {
  const [found] = await tx.select({ orderId: disputes.orderId, paymentId: disputes.paymentId }).from(disputes).where(eq(disputes.id, disputeId));
  if (!found) return { dispute: undefined, payment: undefined };
  if (found.orderId) await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, found.orderId)).for('update');
  const [payment] = found.paymentId ? await tx.select().from(payments).where(eq(payments.id, found.paymentId)).for('update') : [];
  const [dispute] = await tx.select().from(disputes).where(eq(disputes.id, disputeId)).for('update');
  return { dispute, payment };
}
