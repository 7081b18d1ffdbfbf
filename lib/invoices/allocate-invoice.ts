// Gives a paid order its invoice number, once: INV-<year>-<6 digits>, gapless per year (a tax requirement: every
// number issued must be accounted for). All in ONE transaction:
//   1. lock the order row (FOR NO KEY UPDATE): two allocations for the same order queue here, and the second then
//      finds the first one's invoice and returns it;
//   2. bump the year's counter with `INSERT … ON CONFLICT (year) DO UPDATE SET last_number = last_number + 1
//      RETURNING last_number`: the counter row's lock serialises allocations across orders until COMMIT, and a
//      rollback gives the number back, so there are never gaps;
//   3. insert the invoice (order_id and number are unique: the constraints back up both steps).
// The year is the database clock's, in the shop's time zone (Lagos), the same instant as `issued_at`.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditLogs, invoices, orders } from '../../db/schema';
import { err, ok, type Result } from '../core/result';
import { SHOP_TIME_ZONE } from '../core/format-date';

export type Invoice = typeof invoices.$inferSelect;
export type AllocateInvoiceError = 'order_not_found' | 'order_not_paid';

/** Orders whose money was taken and kept (at least in part): these get an invoice. */
export const INVOICEABLE_ORDER_STATUSES = ['paid', 'partially_fulfilled', 'fulfilled', 'partially_refunded', 'refunded'] as const;

export function formatInvoiceNumber(year: number, sequence: number): string {
  return `INV-${year}-${String(sequence).padStart(6, '0')}`;
}

export async function allocateInvoice(db: DbOrTx, orderId: string): Promise<Result<Invoice & { created: boolean }, AllocateInvoiceError>> {
  return db.transaction(async (tx) => {
    const [order] = await tx
      .select({ id: orders.id, status: orders.status, totalAmount: orders.totalAmount, currency: orders.currency })
      .from(orders)
      .where(eq(orders.id, orderId))
      .for('no key update');
    if (!order) return err('order_not_found' as const);

    const [existing] = await tx.select().from(invoices).where(eq(invoices.orderId, orderId));
    if (existing) return ok({ ...existing, created: false });
    if (!(INVOICEABLE_ORDER_STATUSES as readonly string[]).includes(order.status)) return err('order_not_paid' as const);
    // A refunded order sold something only if a payment was once honoured (the order moved to `paid`); money the shop
    // never honoured — a flagged charge refunded after review, a late payment whose stock was gone — gave back all it
    // took and must not use up a number of the gapless series (nor, through it, a credit note's).
    if (order.status === 'refunded' || order.status === 'partially_refunded') {
      const honoured = await tx.$count(
        auditLogs,
        and(
          eq(auditLogs.entityType, 'order'),
          eq(auditLogs.entityId, orderId),
          inArray(auditLogs.action, ['order.paid', 'order.paid_late']),
          sql`${auditLogs.after}->>'status' = 'paid'`,
        ),
      );
      if (honoured === 0) return err('order_not_paid' as const);
    }

    const bumped = await tx.execute<{ year: number; last_number: number }>(sql`
      INSERT INTO invoice_sequences (year, last_number)
      VALUES (extract(year FROM now() AT TIME ZONE ${SHOP_TIME_ZONE})::int, 1)
      ON CONFLICT (year) DO UPDATE SET last_number = invoice_sequences.last_number + 1
      RETURNING year, last_number`);
    const counter = bumped[0];
    if (!counter) throw new Error('invoice_sequences upsert returned no row');

    const [invoice] = await tx
      .insert(invoices)
      .values({
        orderId: order.id,
        number: formatInvoiceNumber(counter.year, counter.last_number),
        year: counter.year,
        sequence: counter.last_number,
        totalAmount: order.totalAmount,
        currency: order.currency,
        issuedAt: sql`now()`,
      })
      .returning();
    if (!invoice) throw new Error(`invoice for order ${orderId} was not inserted`);
    return ok({ ...invoice, created: true });
  });
}
