// Orders and payments made through the real use cases, for tests of what happens after checkout.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { inventoryReservations } from '../../db/schema';
import { placeOrder } from '../../lib/checkout/place-order';
import { initializePayment } from '../../lib/payments/initialize-payment';
import { createPaystackClient } from '../../lib/payments/paystack/client';
import { createTestVariants, testAddress } from './catalog-fixtures';
import { paystackEnv, simulator, uniqueReference } from './paystack-sim';

export const testPaystack = () => createPaystackClient({ ...paystackEnv(), timeoutMs: 2_000, retryBaseDelayMs: 10 });

/** A pending order for `quantity` units of a fresh variant, with a payment intent whose webhooks the simulator keeps to itself. */
export async function orderAwaitingPayment(
  db: Database,
  opts: { stock?: number; quantity?: number; userId?: string | null; email?: string; couponCode?: string } = {},
) {
  const [variant] = await createTestVariants(db, [{ stock: opts.stock ?? 5 }]);
  const placed = await placeOrder(
    { db },
    {
      userId: opts.userId ?? null,
      email: opts.email ?? 'payer@example.test',
      shippingAddress: testAddress,
      deliveryOption: 'pickup',
      lines: [{ variantId: variant!.id, quantity: opts.quantity ?? 1 }],
      ...(opts.couponCode ? { couponCode: opts.couponCode } : {}),
    },
  );
  if (!placed.ok) throw new Error(`order not placed: ${JSON.stringify(placed.error)}`);
  const reference = uniqueReference('pay');
  await simulator.setKnobs(reference, { dropWebhooks: true });
  const intent = await initializePayment(
    { db, paystack: testPaystack(), callbackUrl: 'http://127.0.0.1:3100/checkout/return', newReference: () => reference },
    placed.value.id,
  );
  if (!intent.ok) throw new Error(`payment not initialised: ${JSON.stringify(intent.error)}`);
  return { order: placed.value, variant: variant!, reference };
}

/** Pays at the simulator and returns the signed charge.success webhook it would have sent (dropped by the knob). */
export async function payAndCaptureWebhook(reference: string): Promise<{ body: string; signature: string }> {
  const paid = await simulator.act(reference, 'pay');
  if (paid.status !== 200) throw new Error(`simulator refused to pay ${reference}: ${JSON.stringify(paid.body)}`);
  const delivery = (await simulator.deliveries(reference)).find((candidate) => candidate.event === 'charge.success');
  if (!delivery) throw new Error(`no charge.success recorded for ${reference}`);
  return { body: delivery.body, signature: delivery.signature };
}

export const expireHolds = (db: Database, orderId: string) =>
  db.update(inventoryReservations).set({ reservedUntil: sql`now() - interval '1 minute'` }).where(eq(inventoryReservations.orderId, orderId));
