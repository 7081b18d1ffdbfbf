// A shopper who changes their cart or details after starting checkout gets a new order; the one it replaces is
// cancelled and its stock given back at once, rather than held for the rest of its 15 minutes (which, on the last
// unit, would block the shopper's own corrected checkout). Only if Paystack confirms nobody paid it.
import type { Database } from '../../db/client';
import { findOrderSummary } from '../../db/queries/orders';
import { releaseOrderHolds } from '../inventory/release-order';
import type { PaystackClient } from '../payments/paystack/client';
import { orderVerdict } from '../payments/ask-paystack';

export async function supersedeOrder(deps: { db: Database; paystack: PaystackClient }, orderId: string, userId: string | null): Promise<boolean> {
  const order = await findOrderSummary(deps.db, orderId);
  if (!order || order.userId !== userId || order.status !== 'pending_payment') return false;
  if ((await orderVerdict(deps, orderId)) !== 'unpaid') return false;
  const released = await releaseOrderHolds(deps.db, orderId, {
    expiredOnly: false,
    orderStatus: 'cancelled',
    reason: 'replaced by a newer checkout',
    actor: userId ? { type: 'user', id: userId } : { type: 'system', id: 'guest-checkout' },
    action: 'order.superseded',
  });
  return released !== undefined;
}
