// The orders export as a stream (each order with its customer — named as the list names them — phone, delivery method,
// address and items): a header, then the filtered list in its own order, one batch of rows per chunk, each
// batch read from the database only when the download asks for more (the stream's pull). However many orders match,
// the server holds one batch at a time and no connection between batches.
import type { DbOrTx } from '../../db/client';
import { type ExportPosition, type OrderExportRow, orderExportBatch } from '../../db/queries/admin-order-list';
import { toDecimalString } from '../core/money';
import { addressLines } from '../orders/address-lines';
import { deliveryLabel } from '../orders/delivery-label';
import { orderStatusLabels } from '../orders/shopper-order-state';
import { csvLine } from './csv';
import { orderCustomerLabel, type OrderListQuery } from './order-list-query';

export const ORDER_CSV_HEADER = [
  'Order number',
  'Placed (Africa/Lagos)',
  'Paid (Africa/Lagos)',
  'Status',
  'Email',
  'Customer',
  'Phone',
  'Delivery',
  'Ship to',
  'Address',
  'Items',
  'Payment reference',
  'Currency',
  'Subtotal',
  'Shipping',
  'Total',
  'Refunded',
] as const;

/** Rows per database read and per chunk sent. */
export const EXPORT_BATCH_SIZE = 500;

export function orderCsvLine(row: OrderExportRow): string {
  const amount = (minor: number) => toDecimalString({ amount: minor, currency: row.currency });
  return csvLine([
    row.number,
    row.placedAt,
    row.paidAt,
    orderStatusLabels[row.status],
    row.email,
    orderCustomerLabel(row),
    row.shippingAddress.phone,
    deliveryLabel(row),
    row.shippingAddress.fullName,
    addressLines(row.shippingAddress, { includePhone: false }).slice(1).join(', '),
    row.items,
    row.paymentReference,
    row.currency,
    amount(row.subtotalAmount),
    amount(row.shippingAmount),
    amount(row.totalAmount),
    amount(row.refundedAmount),
  ]);
}

export function ordersCsvStream(
  deps: { db: DbOrTx; onError?: (error: unknown) => void },
  query: OrderListQuery,
  options: { batchSize?: number } = {},
): ReadableStream<Uint8Array> {
  const batchSize = options.batchSize ?? EXPORT_BATCH_SIZE;
  const encoder = new TextEncoder();
  let position: ExportPosition | null = null;
  let finished = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // A byte-order mark, so Excel reads the file as UTF-8 (names with accents, the naira sign).
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(ORDER_CSV_HEADER)}`));
      },
      async pull(controller) {
        if (finished) return;
        try {
          const batch = await orderExportBatch(deps.db, query, position, batchSize);
          position = batch.last;
          if (batch.rows.length > 0) controller.enqueue(encoder.encode(batch.rows.map(orderCsvLine).join('')));
          if (batch.rows.length < batchSize) {
            finished = true;
            controller.close();
          }
        } catch (error) {
          // Headers are long gone: all a download can learn is that it broke off (the browser shows a failed file).
          finished = true;
          deps.onError?.(error);
          controller.error(error);
        }
      },
      cancel() {
        finished = true;
      },
    },
    // Read ahead by at most one batch: a slow download slows the reads instead of filling memory.
    { highWaterMark: 1 },
  );
}
