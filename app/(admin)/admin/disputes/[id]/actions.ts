'use server';
// The dispute page's two actions, through the admin door (role re-read from the database before anything is parsed):
// send evidence (the form as FormData, with an optional file) and answer the dispute (accept with an amount, or decline).
// Field problems come back as field errors, so the form keeps what was typed; the use cases decide the rest.
import { z } from 'zod';
import { addDisputeEvidence, EVIDENCE_FILE_MAX_BYTES, EVIDENCE_FILE_TYPES } from '@/lib/disputes/add-dispute-evidence';
import { answerDispute } from '@/lib/disputes/answer-dispute';
import { disputeAnswerSchema, disputeEvidenceSchema } from '@/lib/disputes/dispute-input';
import { adminAction, formDataInput } from '@/lib/server/doors/actions';
import { disputeDeps, disputeFailure, revalidateDispute } from '@/lib/server/deps/disputes';

export type EvidenceActionData = { ok: true } | { ok: false; fieldErrors: Record<string, string[]> };

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : undefined;
};

export const addEvidenceAction = adminAction.inputSchema(formDataInput).action(async ({ parsedInput: form, ctx }): Promise<EvidenceActionData> => {
  const disputeId = z.uuid().safeParse(field(form, 'disputeId'));
  if (!disputeId.success) return { ok: false, fieldErrors: { form: ['This dispute cannot be found.'] } };
  const parsed = disputeEvidenceSchema.safeParse({
    customerEmail: field(form, 'customerEmail'),
    customerName: field(form, 'customerName'),
    customerPhone: field(form, 'customerPhone'),
    serviceDetails: field(form, 'serviceDetails'),
    deliveryAddress: field(form, 'deliveryAddress'),
    deliveryDate: field(form, 'deliveryDate'),
  });
  const fieldErrors: Record<string, string[]> = parsed.success ? {} : { ...z.flattenError(parsed.error).fieldErrors };
  const upload = form.get('file');
  const file = upload instanceof File && upload.size > 0 ? upload : undefined;
  if (file && !(EVIDENCE_FILE_TYPES as readonly string[]).includes(file.type)) fieldErrors.file = ['Attach a PDF, PNG or JPEG file'];
  else if (file && file.size > EVIDENCE_FILE_MAX_BYTES) fieldErrors.file = [`The file must be at most ${Math.floor(EVIDENCE_FILE_MAX_BYTES / 1024)} KB`];
  if (!parsed.success || Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };

  const result = await addDisputeEvidence(disputeDeps(ctx.deps), {
    disputeId: disputeId.data,
    adminId: ctx.admin.id,
    evidence: parsed.data,
    file: file
      ? { name: file.name, contentType: file.type as (typeof EVIDENCE_FILE_TYPES)[number], bytes: new Uint8Array(await file.arrayBuffer()) }
      : undefined,
  });
  if (!result.ok) throw disputeFailure(result.error);
  revalidateDispute(result.value.id, result.value.orderId);
  return { ok: true };
});

export type AnswerActionData = { outcome: 'answered'; status: string } | { outcome: 'pending_confirmation' };

export const answerDisputeAction = adminAction.inputSchema(disputeAnswerSchema).action(async ({ parsedInput, ctx }): Promise<AnswerActionData> => {
  const result = await answerDispute(disputeDeps(ctx.deps), {
    disputeId: parsedInput.disputeId,
    adminId: ctx.admin.id,
    answer: parsedInput.answer,
    message: parsedInput.message,
    refundAmount: parsedInput.refundAmount,
  });
  if (!result.ok && result.error.code === 'dispute_pending_confirmation') {
    revalidateDispute(parsedInput.disputeId, null);
    return { outcome: 'pending_confirmation' };
  }
  if (!result.ok) throw disputeFailure(result.error);
  revalidateDispute(result.value.id, result.value.orderId);
  return { outcome: 'answered', status: result.value.status };
});
