// The admin's evidence for a dispute, sent to Paystack: an optional file first (Paystack's `GET /dispute/:id/upload_url`
// gives a signed URL; the bytes go there with a PUT), then `POST /dispute/:id/evidence` with the customer's details,
// what was sold and where and when it was delivered. Nothing is held across those calls; what Paystack accepted is
// recorded afterwards with its audit entry. Sending evidence again replaces what the page shows (Paystack keeps both).
import { eq, sql } from 'drizzle-orm';
import { disputes, type DisputeEvidenceRecord, users } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { err, ok, type Result } from '../core/result';
import { describePaystackError, isOutcomeUnknown } from '../payments/paystack/errors';
import { isFinalDispute } from './dispute-status';
import type { DisputeDeps, DisputeError } from './types';

/** What a dispute's evidence file may be: small documents and photos (a receipt, a signed delivery note). */
export const EVIDENCE_FILE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
/** Under Next's 1 MB server-action body limit, with room for the form's other fields. */
export const EVIDENCE_FILE_MAX_BYTES = 750 * 1024;

export interface AddDisputeEvidenceInput {
  disputeId: string;
  adminId: string;
  evidence: DisputeEvidenceRecord;
  file?: { name: string; contentType: (typeof EVIDENCE_FILE_TYPES)[number]; bytes: Uint8Array } | undefined;
}

type DisputeRow = typeof disputes.$inferSelect;

export async function addDisputeEvidence(deps: DisputeDeps, input: AddDisputeEvidenceInput): Promise<Result<DisputeRow, DisputeError>> {
  const [admin] = await deps.db.select({ role: users.role }).from(users).where(eq(users.id, input.adminId));
  if (admin?.role !== 'admin') return err({ code: 'forbidden' });
  const [dispute] = await deps.db.select().from(disputes).where(eq(disputes.id, input.disputeId));
  if (!dispute) return err({ code: 'not_found' });
  if (isFinalDispute(dispute.status)) return err({ code: 'dispute_closed', status: dispute.status });
  if (dispute.answer) return err({ code: 'dispute_already_answered', answer: dispute.answer });

  let attachmentFilename = dispute.attachmentFilename;
  if (input.file) {
    const target = await deps.paystack.disputeUploadUrl(dispute.gatewayDisputeId);
    if (!target.ok) return failed(target.error);
    const uploaded = await deps.paystack.uploadDisputeFile(target.value, { bytes: input.file.bytes, contentType: input.file.contentType });
    if (!uploaded.ok) return failed(uploaded.error);
    attachmentFilename = uploaded.value.fileName;
  }
  const sent = await deps.paystack.addDisputeEvidence(dispute.gatewayDisputeId, input.evidence);
  if (!sent.ok) return failed(sent.error);

  return deps.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(disputes)
      .set({ evidence: input.evidence, gatewayEvidenceId: sent.value.evidenceId, attachmentFilename, evidenceSubmittedAt: sql`now()` })
      .where(eq(disputes.id, dispute.id))
      .returning();
    await recordAudit(tx, {
      actor: { type: 'admin', id: input.adminId },
      action: 'dispute.evidence_added',
      entityType: 'dispute',
      entityId: dispute.id,
      after: { evidenceId: sent.value.evidenceId, attachmentFilename, file: input.file ? { name: input.file.name, bytes: input.file.bytes.byteLength } : null },
      metadata: { orderId: dispute.orderId },
    });
    return ok(updated ?? dispute);
  });
}

function failed(error: Parameters<typeof describePaystackError>[0]): Result<never, DisputeError> {
  // Evidence moves no money, so an unknown outcome is simply "try again" for the admin.
  if (isOutcomeUnknown(error)) return err({ code: 'dispute_rejected', message: `Paystack did not answer: ${describePaystackError(error)}. Send it again.` });
  return err({ code: 'dispute_rejected', message: error.message });
}
