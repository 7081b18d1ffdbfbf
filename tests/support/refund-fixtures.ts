// Refund tests' helpers: a paid order whose refunds settle only when a test says so, what the Paystack simulator holds
// for a transaction, the signed refund webhooks it logged (the paid-order fixture keeps its webhooks to itself), and
// those webhooks applied through the same exactly-once path as the route.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { orders, payments, refunds, users } from '../../db/schema';
import { receivePaystackWebhook } from '../../lib/webhooks/receive-paystack-webhook';
import { testPaystack } from './checkout-fixtures';
import { paidOrder } from './paid-order-fixtures';
import { paystackEnv, simulator } from './paystack-sim';
import { waitFor } from './wait';

export interface SimulatorRefund {
  id: number;
  amount: number;
  status: string;
  merchantNote: string | null;
}

/** The refunds the simulator holds for a transaction (what Paystack would list for it). */
export async function simulatorRefunds(reference: string): Promise<SimulatorRefund[]> {
  const response = await fetch(`${paystackEnv().baseUrl}/__simulator/transactions/${encodeURIComponent(reference)}`);
  const body = (await response.json()) as { refunds: Array<{ id: number; amount: number; status: string; merchant_note: string | null }> };
  return body.refunds.map((refund) => ({ id: refund.id, amount: refund.amount, status: refund.status, merchantNote: refund.merchant_note }));
}

/** A paid order (fresh variant, `quantity` units) whose refunds stay pending at Paystack until settled by hand. */
export async function refundableOrder(db: Database, opts: Parameters<typeof paidOrder>[1] = {}) {
  const paid = await paidOrder(db, opts);
  await simulator.setKnobs(paid.payment.reference, { refundAutoProcessMs: null });
  return paid;
}

/** The body of the refund webhook the simulator signed for `event` on that refund (waiting until it is logged). */
export function refundWebhook(reference: string, event: string, gatewayRefundId: number | string): Promise<string> {
  return waitFor(`${event} for refund ${gatewayRefundId}`, async () => {
    const deliveries = await simulator.deliveries(reference);
    const found = deliveries.find(
      (delivery) => delivery.event === event && String((JSON.parse(delivery.body) as { data: { id: number } }).data.id) === String(gatewayRefundId),
    );
    return found?.body;
  });
}

/** Applies a signed webhook body exactly like the route does after checking its signature. */
export function deliverWebhook(db: Database, rawBody: string) {
  return receivePaystackWebhook({ db }, { rawBody, headers: {} }, { expectedDomain: 'test' });
}

export async function adminUser(db: Database) {
  const [admin] = await db
    .insert(users)
    .values({ email: `refund-admin-${randomUUID().slice(0, 8)}@example.test`, name: 'Refund Admin', passwordHash: 'not-a-real-hash', role: 'admin' })
    .returning();
  return admin!;
}

export async function moneyState(db: Database, orderId: string) {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  const paymentRows = await db.select().from(payments).where(eq(payments.orderId, orderId));
  const refundRows = await db.select().from(refunds).where(eq(refunds.orderId, orderId));
  return { order: order!, payments: paymentRows, refunds: refundRows };
}

export const refundDeps = (db: Database) => ({ db, paystack: testPaystack() });

export const newKey = () => `test-${randomUUID()}`;
