// Next glue for the shipping use case, shared by the admin order page's action and the JSON API: its expected failures
// in the error catalogue's terms, with words an admin can act on, and what to revalidate after a shipment.
import 'server-only';
import { revalidatePath } from 'next/cache';
import type { ShipError } from '@/lib/fulfillments/ship-order';
import { AppError } from '@/lib/errors';

const statusWords: Record<string, string> = {
  pending_payment: 'This order has not been paid yet, so nothing can ship.',
  expired: 'This order expired unpaid, so nothing can ship.',
  cancelled: 'This order was cancelled, so nothing can ship.',
  refunded: 'This order was refunded in full, so nothing ships.',
  paid_needs_attention: 'This order’s payment needs review: settle it before shipping.',
};

export function shipFailure(error: ShipError): AppError {
  switch (error.code) {
    case 'forbidden':
    case 'order_not_found':
      return new AppError(error.code);
    case 'invalid_input':
      return new AppError('fulfillment_invalid', error.message, { fieldErrors: error.fieldErrors ?? {} });
    case 'unknown_line':
      return new AppError('fulfillment_invalid', `Line ${error.orderItemId} is not on this order.`, { orderItemId: error.orderItemId });
    case 'not_shippable':
      return new AppError('not_shippable', statusWords[error.status] ?? `This order is ${error.status.replaceAll('_', ' ')}, so nothing can ship.`, {
        orderStatus: error.status,
      });
    case 'fulfillment_exceeds_remaining':
      return new AppError(
        'fulfillment_exceeds_remaining',
        error.remaining === 0
          ? 'Nothing is left to ship on that line: it has shipped or been refunded already.'
          : `Only ${error.remaining} of that line can still ship (asked for ${error.requested}).`,
        { orderItemId: error.orderItemId, requested: error.requested, remaining: error.remaining },
      );
    case 'idempotency_key_reused':
      return new AppError('idempotency_key_reused', 'This Idempotency-Key was already used for a different shipment.');
  }
}

/** After a shipment: the admin pages that show the order render fresh on their next request. */
export function revalidateShippedOrder(orderId: string): void {
  revalidatePath(`/admin/orders/${orderId}`);
  revalidatePath('/admin/orders');
}
