// Gives an accepted refund of an invoiced order its credit note, once: CN-<year>-<6 digits>, gapless per year and a
// series of its own, allocated exactly like invoice numbers (see allocate-invoice.ts). In ONE transaction:
//   1. lock the order row (FOR NO KEY UPDATE, as the invoice allocation does): two allocations for the same refund
//      queue here, and the second finds the first one's credit note;
//   2. bump the year's counter with `INSERT … ON CONFLICT (year) DO UPDATE SET last_number = last_number + 1
//      RETURNING last_number`: the counter row's lock serialises allocations across orders until COMMIT, and a rollback
//      gives the number back, so there are never gaps;
//   3. insert the credit note (refund_id and number are unique: the constraints back up both steps).
// The refund's status is checked again under that lock: a refund that failed meanwhile gets none. A credit note whose
// refund fails later is cancelled, never deleted (cancel-credit-note.ts).
// A paid order's invoice is allocated first if its job has not run yet (allocateInvoice is idempotent). Money that paid
// no invoice — a second payment for an order another payment already paid, refunded as surplus — gets no credit note.
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { auditLogs, creditNotes, invoices, orders, refunds } from '../../db/schema';
import { SHOP_TIME_ZONE } from '../core/format-date';
import { err, ok, type Result } from '../core/result';
import { allocateInvoice } from './allocate-invoice';

export type CreditNote = typeof creditNotes.$inferSelect;
export type AllocateCreditNoteError = 'refund_not_found' | 'refund_not_accepted' | 'not_invoiced';

/** The refund states in which Paystack has taken the refund on: the money is credited. */
const ACCEPTED = ['pending', 'processing', 'processed', 'needs_attention'];

export function formatCreditNoteNumber(year: number, sequence: number): string {
  return `CN-${year}-${String(sequence).padStart(6, '0')}`;
}

export async function allocateCreditNote(db: Database, refundId: string): Promise<Result<CreditNote & { created: boolean }, AllocateCreditNoteError>> {
  const [refund] = await db.select().from(refunds).where(eq(refunds.id, refundId));
  if (!refund) return err('refund_not_found');
  const [existing] = await db.select().from(creditNotes).where(eq(creditNotes.refundId, refundId));
  if (existing) return ok({ ...existing, created: false });
  if (!ACCEPTED.includes(refund.status)) return err('refund_not_accepted');
  const surplus = await db.$count(
    auditLogs,
    and(eq(auditLogs.entityType, 'payment'), eq(auditLogs.entityId, refund.paymentId), eq(auditLogs.action, 'payment.unexpected')),
  );
  if (surplus > 0) return err('not_invoiced');
  const invoice = await allocateInvoice(db, refund.orderId);
  if (!invoice.ok) return err('not_invoiced');

  return db.transaction(async (tx) => {
    await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, refund.orderId)).for('no key update');
    const [again] = await tx.select().from(creditNotes).where(eq(creditNotes.refundId, refundId));
    if (again) return ok({ ...again, created: false });
    // Asked again under the order's lock, which a refund's failure holds too (moveRefund): a refund that failed since
    // the first look gets no credit note, rather than one that nothing would ever cancel.
    const [current] = await tx.select({ status: refunds.status }).from(refunds).where(eq(refunds.id, refundId));
    if (!current || !ACCEPTED.includes(current.status)) return err('refund_not_accepted' as const);
    const [invoiceRow] = await tx.select({ id: invoices.id }).from(invoices).where(eq(invoices.orderId, refund.orderId));
    if (!invoiceRow) return err('not_invoiced' as const);

    const bumped = await tx.execute<{ year: number; last_number: number }>(sql`
      INSERT INTO credit_note_sequences (year, last_number)
      VALUES (extract(year FROM now() AT TIME ZONE ${SHOP_TIME_ZONE})::int, 1)
      ON CONFLICT (year) DO UPDATE SET last_number = credit_note_sequences.last_number + 1
      RETURNING year, last_number`);
    const counter = bumped[0];
    if (!counter) throw new Error('credit_note_sequences upsert returned no row');
    const [note] = await tx
      .insert(creditNotes)
      .values({
        refundId,
        invoiceId: invoiceRow.id,
        orderId: refund.orderId,
        number: formatCreditNoteNumber(counter.year, counter.last_number),
        year: counter.year,
        sequence: counter.last_number,
        amount: refund.amount,
        currency: refund.currency,
        issuedAt: sql`now()`,
      })
      .returning();
    if (!note) throw new Error(`credit note for refund ${refundId} was not inserted`);
    return ok({ ...note, created: true });
  });
}
