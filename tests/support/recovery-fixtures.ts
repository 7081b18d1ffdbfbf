// Orders in the states the recovery email cares about, made through the real use cases: placed, expired by the
// release path (holds past their deadline, then releaseOrderHolds), cancelled by a newer checkout, or paid through
// the Paystack simulator's signed webhook.
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { orders } from '../../db/schema';
import { placeOrder } from '../../lib/checkout/place-order';
import { releaseExpiredOrders, releaseOrderHolds } from '../../lib/inventory/release-order';
import { initializePayment } from '../../lib/payments/initialize-payment';
import { receivePaystackWebhook } from '../../lib/webhooks/receive-paystack-webhook';
import { testAddress } from './catalog-fixtures';
import { expireHolds, payAndCaptureWebhook, testPaystack } from './checkout-fixtures';
import { simulator, uniqueReference } from './paystack-sim';

export async function placeOrderFor(
  db: Database,
  email: string,
  lines: Array<{ variantId: string; quantity: number }>,
  userId: string | null = null,
  fullName = testAddress.fullName,
) {
  const placed = await placeOrder({ db }, { userId, email, shippingAddress: { ...testAddress, fullName }, deliveryOption: 'standard', lines });
  if (!placed.ok) throw new Error(`order not placed: ${JSON.stringify(placed.error)}`);
  return placed.value;
}

/** Starts a Paystack payment whose webhooks the simulator keeps to itself; returns its reference. */
export async function startPayment(db: Database, orderId: string): Promise<string> {
  const reference = uniqueReference('recovery');
  await simulator.setKnobs(reference, { dropWebhooks: true });
  const intent = await initializePayment(
    { db, paystack: testPaystack(), callbackUrl: 'http://127.0.0.1:3100/checkout/return', newReference: () => reference },
    orderId,
  );
  if (!intent.ok) throw new Error(`payment not initialised: ${JSON.stringify(intent.error)}`);
  return reference;
}

/** Pays at the simulator and applies its signed charge.success webhook, as production would. */
export async function completePayment(db: Database, reference: string): Promise<void> {
  const { body, signature } = await payAndCaptureWebhook(reference);
  await receivePaystackWebhook({ db }, { rawBody: body, headers: { 'x-paystack-signature': signature } }, { expectedDomain: 'test' });
}

export async function payOrder(db: Database, orderId: string) {
  await completePayment(db, await startPayment(db, orderId));
  return orderStatus(db, orderId);
}

/** The hold ran out and the release job let it go: the order is `expired` and its recovery job is enqueued. */
export async function expireOrder(db: Database, orderId: string) {
  await expireHolds(db, orderId);
  await releaseExpiredOrders(db, [orderId]);
  return orderStatus(db, orderId);
}

/** The shopper changed their cart and checked out again: the old order is cancelled. */
export async function supersedeOrder(db: Database, orderId: string) {
  await releaseOrderHolds(db, orderId, {
    expiredOnly: false,
    orderStatus: 'cancelled',
    reason: 'replaced by a new checkout',
    actor: { type: 'system' },
    action: 'order.superseded',
  });
  return orderStatus(db, orderId);
}

export async function orderStatus(db: Database, orderId: string) {
  const [order] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
  return order?.status;
}
