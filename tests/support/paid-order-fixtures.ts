// Paid orders made the way production makes them: place the order, pay at the Paystack simulator, apply its signed
// charge.success webhook. For tests of what happens after payment (invoices, emails).
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { orders, payments } from '../../db/schema';
import { placeOrder } from '../../lib/checkout/place-order';
import { initializePayment } from '../../lib/payments/initialize-payment';
import { receivePaystackWebhook } from '../../lib/webhooks/receive-paystack-webhook';
import { createTestVariants, testAddress } from './catalog-fixtures';
import { payAndCaptureWebhook, testPaystack } from './checkout-fixtures';
import { simulator, uniqueReference } from './paystack-sim';

/** An address no other test uses, so a test can find its own mail in the shared catcher. */
export const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.test`;

export async function paidOrder(
  db: Database,
  opts: {
    email?: string;
    userId?: string | null;
    quantity?: number;
    priceAmount?: number;
    deliveryOption?: 'pickup' | 'standard';
    variantId?: string;
    /** The name typed at checkout (the test address's otherwise). */
    fullName?: string;
    /** A discount code to check out with. */
    couponCode?: string;
  } = {},
) {
  // A fresh variant with 10 in stock, unless the test sells from one it already has.
  const [variant] = opts.variantId ? [{ id: opts.variantId }] : await createTestVariants(db, [{ stock: 10, priceAmount: opts.priceAmount ?? 18_500_00 }]);
  const placed = await placeOrder(
    { db },
    {
      userId: opts.userId ?? null,
      email: opts.email ?? uniqueEmail('buyer'),
      shippingAddress: opts.fullName ? { ...testAddress, fullName: opts.fullName } : testAddress,
      deliveryOption: opts.deliveryOption ?? 'standard',
      lines: [{ variantId: variant!.id, quantity: opts.quantity ?? 2 }],
      ...(opts.couponCode ? { couponCode: opts.couponCode } : {}),
    },
  );
  if (!placed.ok) throw new Error(`order not placed: ${JSON.stringify(placed.error)}`);
  const reference = uniqueReference('paid');
  await simulator.setKnobs(reference, { dropWebhooks: true });
  const intent = await initializePayment(
    { db, paystack: testPaystack(), callbackUrl: 'http://127.0.0.1:3100/checkout/return', newReference: () => reference },
    placed.value.id,
  );
  if (!intent.ok) throw new Error(`payment not initialised: ${JSON.stringify(intent.error)}`);
  const { body, signature } = await payAndCaptureWebhook(reference);
  await receivePaystackWebhook({ db }, { rawBody: body, headers: { 'x-paystack-signature': signature } }, { expectedDomain: 'test' });
  const [order] = await db.select().from(orders).where(eq(orders.id, placed.value.id));
  const [payment] = await db.select().from(payments).where(eq(payments.reference, reference));
  if (order?.status !== 'paid' || payment?.status !== 'paid') throw new Error(`order ${placed.value.id} is ${order?.status}, payment ${payment?.status}`);
  return { order, payment };
}

/** `count` paid orders, a few at a time (each one talks to the simulator). */
export async function paidOrders(db: Database, count: number, batch = 5) {
  const made: Array<Awaited<ReturnType<typeof paidOrder>>> = [];
  for (let start = 0; start < count; start += batch) {
    made.push(...(await Promise.all(Array.from({ length: Math.min(batch, count - start) }, () => paidOrder(db)))));
  }
  return made;
}
