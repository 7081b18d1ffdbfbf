// The invoice PDF a shopper downloads. A paid order normally has its invoice from the `order/paid` job; if that job
// has not run yet, the number is allocated here instead of answering "not found" (allocateInvoice is idempotent, so
// the job later finds this invoice and keeps it). Callers authorise first: this reads by order id alone.
import type { Database } from '../../db/client';
import { err, ok, type Result } from '../core/result';
import { type AllocateInvoiceError, allocateInvoice } from './allocate-invoice';
import { invoiceForOrder } from './invoice-for-order';

export interface InvoiceDownload {
  number: string;
  /** e.g. INV-2026-000042.pdf */
  filename: string;
  pdf: Buffer;
}

export async function invoiceDownload(db: Database, orderId: string): Promise<Result<InvoiceDownload, AllocateInvoiceError>> {
  let invoice = await invoiceForOrder(db, orderId);
  if (!invoice) {
    const allocated = await allocateInvoice(db, orderId);
    if (!allocated.ok) return err(allocated.error);
    invoice = await invoiceForOrder(db, orderId);
    if (!invoice) throw new Error(`invoice ${allocated.value.number} for order ${orderId} was allocated but cannot be read`);
  }
  return ok({ number: invoice.number, filename: `${invoice.number}.pdf`, pdf: invoice.pdf });
}
