// Jobs are rows written in the transaction that caused them (the outbox pattern): if that transaction rolls back,
// so does the job; if it commits, the job cannot be lost between commit and enqueue.
import type { DbOrTx } from '../../db/client';
import type { CurrencyCode } from '../money';
import { outbox } from '../../db/schema';

export type OutboxEvent =
  | { event: 'invoice.generate'; payload: { orderId: string } }
  | { event: 'email.order_confirmation'; payload: { orderId: string } }
  | { event: 'email.payment_receipt'; payload: { orderId: string; paymentId: string } }
  | { event: 'refund.requested'; payload: { orderId: string; paymentId: string; amount: number; currency: CurrencyCode; reason: string } }
  | { event: 'alert.payment_mismatch'; payload: { orderId: string; paymentId: string; problems: string[] } };

/** Adds jobs; a job whose `dedupeKey` was already enqueued for the same event is skipped. */
export async function enqueue(db: DbOrTx, jobs: Array<OutboxEvent & { dedupeKey: string }>): Promise<void> {
  if (jobs.length === 0) return;
  await db
    .insert(outbox)
    .values(jobs.map((job) => ({ event: job.event, payload: job.payload, dedupeKey: job.dedupeKey })))
    .onConflictDoNothing({ target: [outbox.event, outbox.dedupeKey] });
}
