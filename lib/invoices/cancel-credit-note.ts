// Cancels the credit note of a refund that failed after Paystack accepted it: no money was credited, so the note no
// longer credits its invoice. Its number belongs to a gapless tax series, so the note is never deleted: it is marked
// cancelled (when, and why), once, and audited. Runs inside the transaction that moves the refund to `failed`
// (moveRefund), which holds the order row: an allocation of that refund's credit note (which locks the order row too)
// therefore runs wholly before it — and is cancelled here — or wholly after it, and then finds the refund failed.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { creditNotes } from '../../db/schema';
import { type AuditActor, recordAudit } from '../audit/record-audit';

/** The cancelled note's id and number; null when the refund has no credit note or it was cancelled already. */
export async function cancelCreditNoteOfRefund(
  tx: Tx,
  refundId: string,
  input: { actor: AuditActor; reason: string },
): Promise<{ id: string; number: string } | null> {
  const [cancelled] = await tx
    .update(creditNotes)
    .set({ cancelledAt: sql`now()`, cancellationReason: input.reason })
    .where(and(eq(creditNotes.refundId, refundId), isNull(creditNotes.cancelledAt)))
    .returning({ id: creditNotes.id, number: creditNotes.number, orderId: creditNotes.orderId, cancelledAt: creditNotes.cancelledAt });
  if (!cancelled) return null;
  await recordAudit(tx, {
    actor: input.actor,
    action: 'credit_note.cancelled',
    entityType: 'credit_note',
    entityId: cancelled.id,
    before: { cancelledAt: null },
    after: { cancelledAt: cancelled.cancelledAt, cancellationReason: input.reason },
    metadata: { number: cancelled.number, refundId, orderId: cancelled.orderId },
  });
  return { id: cancelled.id, number: cancelled.number };
}
