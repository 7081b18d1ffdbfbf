// The Paystack webhook route handler against the real Postgres, with charge.success bodies signed by the simulator.
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/webhooks/paystack/route';
import { auditLogs, inventoryReservations, orders, outbox, payments, webhookEvents } from '@/db/schema';
import { placeOrder } from '@/lib/checkout/place-order';
import { initializePayment } from '@/lib/payments/initialize-payment';
import { releaseExpiredReservations } from '@/lib/inventory/release-expired-reservations';
import { reconcilePayments } from '@/lib/payments/reconcile-payments';
import { signWebhookBody } from '@/lib/payments/paystack/signature';
import { receivePaystackWebhook } from '@/lib/webhooks/receive-paystack-webhook';
import { testAddress, variantStock } from '../support/catalog-fixtures';
import { expireHolds, orderAwaitingPayment, payAndCaptureWebhook, testPaystack } from '../support/checkout-fixtures';
import { testDatabase } from '../support/db';
import { paystackEnv, simulator, uniqueReference } from '../support/paystack-sim';
import { eventKeyOf, settledEvent } from '../support/webhook-inbox';

const { db, sql: client } = testDatabase(30);
afterAll(() => client.end());
const paystack = testPaystack();
const { secretKey } = paystackEnv();

function deliver(body: string, signature: string | null = signWebhookBody(body, secretKey)) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== null) headers['x-paystack-signature'] = signature;
  return POST(new Request('http://127.0.0.1:3100/api/webhooks/paystack', { method: 'POST', headers, body }));
}

/** Delivers through the route and, when it stored the event (`received`), waits for the inbox to apply it: its status. */
async function deliverApplied(body: string, signature?: string): Promise<string> {
  const reply = (await (await deliver(body, signature)).json()) as { status: string };
  return reply.status === 'received' ? (await settledEvent(db, eventKeyOf(body))).status : reply.status;
}

async function orderState(orderId: string) {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  const [payment] = await db.select().from(payments).where(eq(payments.orderId, orderId));
  const holds = await db.select().from(inventoryReservations).where(eq(inventoryReservations.orderId, orderId));
  const jobs = await db.select().from(outbox).where(eq(outbox.payload, { orderId }));
  return { order: order!, payment: payment!, holds, jobs };
}

const auditCount = async (entityId: string, action: string) =>
  (
    await db
      .select({ n: count() })
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, entityId), eq(auditLogs.action, action)))
  )[0]!.n;

describe('POST /api/webhooks/paystack', () => {
  it('stores 20 concurrent copies of one charge.success once and applies it exactly once', async () => {
    const { order, variant, reference } = await orderAwaitingPayment(db, { stock: 5, quantity: 2 });
    const { body, signature } = await payAndCaptureWebhook(reference);

    const responses = await Promise.all(Array.from({ length: 20 }, () => deliver(body, signature)));
    const bodies = await Promise.all(responses.map((response) => response.json() as Promise<{ status: string }>));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(bodies.filter((reply) => reply.status === 'received')).toHaveLength(1);
    expect(bodies.filter((reply) => reply.status === 'duplicate')).toHaveLength(19);
    expect((await settledEvent(db, eventKeyOf(body))).status).toBe('processed');

    const state = await orderState(order.id);
    expect(state.order.status).toBe('paid');
    expect(state.payment).toMatchObject({ status: 'paid', channel: 'card' });
    expect(state.payment.gatewayTransactionId).toBeGreaterThan(0);
    expect(state.holds.map((hold) => hold.status)).toEqual(['committed']);
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 3, reserved: 0 });
    expect(await auditCount(state.payment.id, 'payment.paid')).toBe(1);
    expect(await auditCount(order.id, 'order.paid')).toBe(1);
    expect(await auditCount(state.holds[0]!.id, 'reservation.committed')).toBe(1);
    const jobs = await db.select({ event: outbox.event, payload: outbox.payload }).from(outbox).where(eq(outbox.dedupeKey, state.payment.id));
    // One job per effect, once: the paid order's, and a low-stock digest (5 − 2 = 3 left, the default threshold); each
    // carries the id of the request that wrote it (`_meta`, lib/jobs/events.ts), for its log lines.
    const fromRequest = { _meta: { requestId: expect.any(String) } };
    expect(jobs.sort((x, y) => x.event.localeCompare(y.event))).toEqual([
      { event: 'inventory/low-stock', payload: { variantIds: [variant.id], saleId: state.payment.id, ...fromRequest } },
      { event: 'order/paid', payload: { orderId: order.id, paymentId: state.payment.id, ...fromRequest } },
    ]);
    const events = await db
      .select()
      .from(webhookEvents)
      .where(eq(webhookEvents.eventKey, `charge.success:${state.payment.gatewayTransactionId}`));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ status: 'processed', attempts: 1 });
    // Kept for the operator without the card's reusable token or identifying numbers; what support needs stays.
    const sent = JSON.parse(body) as { data: { authorization: Record<string, unknown> } };
    expect(sent.data.authorization.authorization_code).toMatch(/^AUTH_/);
    const stored = (events[0]!.payload as { data: { authorization: Record<string, unknown> } }).data.authorization;
    expect(stored).toMatchObject({ authorization_code: '[redacted]', signature: '[redacted]', bin: '[redacted]', last4: sent.data.authorization.last4 });
    expect(JSON.stringify(events[0]!.payload)).not.toContain(String(sent.data.authorization.authorization_code));
  });

  it('refuses every kind of bad signature with 401 and writes nothing', async () => {
    const { order, variant, reference } = await orderAwaitingPayment(db);
    const { body, signature } = await payAndCaptureWebhook(reference);
    // Other test files write concurrently: count only rows that could belong to this payment or order.
    const chargeId = (JSON.parse(body) as { data: { id: number } }).data.id;
    const rowsAboutThisPayment = async () => ({
      events: await db.$count(webhookEvents, eq(webhookEvents.eventKey, `charge.success:${chargeId}`)),
      audit: await db.$count(auditLogs, inArray(auditLogs.entityId, [order.id, (await orderState(order.id)).payment.id, variant.id])),
    });
    const before = await rowsAboutThisPayment();

    const tampered = body.replace(/"amount":\d+/, '"amount":1');
    const reserialised = JSON.stringify(JSON.parse(body), null, 2);
    const cases: Array<[string, string, string | null]> = [
      ['missing header', body, null],
      ['wrong length', body, signature.slice(0, 64)],
      ['not hex', body, 'z'.repeat(128)],
      ['tampered body', tampered, signature],
      ['re-serialised JSON', reserialised, signature],
      ['signed with another key', body, signWebhookBody(body, 'sk_test_someoneelse')],
    ];
    for (const [label, payload, header] of cases) {
      const response = await deliver(payload, header);
      expect(response.status, label).toBe(401);
    }

    expect(await rowsAboutThisPayment()).toEqual(before);
    expect(before.events).toBe(0);
    const state = await orderState(order.id);
    expect(state.order.status).toBe('pending_payment');
    expect(state.payment.status).toBe('initialized');
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 5, reserved: 1 });
  });

  it.each([
    ['amount', (data: Record<string, unknown>) => ({ ...data, amount: Number(data.amount) - 100 })],
    ['currency', (data: Record<string, unknown>) => ({ ...data, currency: 'USD' })],
    ['domain', (data: Record<string, unknown>) => ({ ...data, domain: 'live' })],
  ])('never marks an order paid when the %s does not match; it is flagged for review', async (_field, change) => {
    const { order, variant, reference } = await orderAwaitingPayment(db);
    const { body } = await payAndCaptureWebhook(reference);
    const envelope = JSON.parse(body) as { event: string; data: Record<string, unknown> };
    const forged = JSON.stringify({ ...envelope, data: change(envelope.data) });

    const response = await deliver(forged);
    expect(response.status).toBe(200);
    await settledEvent(db, eventKeyOf(forged));
    const state = await orderState(order.id);
    expect(state.order.status).toBe('paid_needs_attention');
    expect(state.payment.status).toBe('needs_review');
    expect(state.holds.map((hold) => hold.status)).toEqual(['active']);
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 5, reserved: 1 });
    expect(await db.$count(outbox, and(eq(outbox.event, 'payment/needs-attention'), eq(outbox.dedupeKey, state.payment.id)))).toBe(1);
    expect(await auditCount(state.payment.id, 'payment.mismatch')).toBe(1);
  });

  it('rolls everything back when processing fails midway, records the failure, and a redelivery succeeds', async () => {
    const { order, variant, reference } = await orderAwaitingPayment(db, { stock: 4, quantity: 2 });
    const { body, signature } = await payAndCaptureWebhook(reference);

    const crashed = await receivePaystackWebhook(
      { db },
      { rawBody: body, headers: {} },
      {
        expectedDomain: 'test',
        afterStockCommitted: () => {
          throw new Error('injected crash after the inventory commit');
        },
      },
    );
    expect(crashed).toMatchObject({ kind: 'failed', error: 'injected crash after the inventory commit' });
    let state = await orderState(order.id);
    expect(state.order.status).toBe('pending_payment');
    expect(state.payment.status).toBe('initialized');
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 4, reserved: 2 });
    const key = `charge.success:${(JSON.parse(body) as { data: { id: number } }).data.id}`;
    const [failed] = await db.select().from(webhookEvents).where(eq(webhookEvents.eventKey, key));
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, outcome: 'injected crash after the inventory commit' });

    // A redelivery of a failed event makes it due again at once; the inbox applies it.
    expect(await deliverApplied(body, signature)).toBe('processed');
    state = await orderState(order.id);
    expect(state.order.status).toBe('paid');
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 2, reserved: 0 });
    const [processed] = await db.select().from(webhookEvents).where(eq(webhookEvents.eventKey, key));
    expect(processed).toMatchObject({ status: 'processed', attempts: 2 });
  });

  it('ignores an event for an order that is already paid, with the reason', async () => {
    const { order, reference } = await orderAwaitingPayment(db);
    const { body } = await payAndCaptureWebhook(reference);
    await deliverApplied(body);
    const envelope = JSON.parse(body) as { event: string; data: Record<string, unknown> };
    // Another charge id for the same reference, far from the simulator's sequence so it cannot collide with a real one.
    const otherId = 2 ** 52 + Math.floor(Math.random() * 1_000_000);
    const secondCharge = JSON.stringify({ ...envelope, data: { ...envelope.data, id: otherId } });

    expect(await deliverApplied(secondCharge)).toBe('ignored');
    const [event] = await db
      .select()
      .from(webhookEvents)
      .where(eq(webhookEvents.eventKey, `charge.success:${otherId}`));
    expect(event).toMatchObject({ status: 'ignored', outcome: 'payment already paid' });
    expect((await orderState(order.id)).order.status).toBe('paid');
  });

  it('answers 400 to a signed body that is not a Paystack event, and stores an unknown event type without acting on it', async () => {
    expect((await deliver('{"hello":')).status).toBe(400);
    const unknown = JSON.stringify({ event: 'subscription.create', data: { id: Date.now() } });
    expect(await deliverApplied(unknown)).toBe('ignored');
    expect(await deliverApplied(unknown)).toBe('duplicate');
  });
});

describe('late, missed and racing payments', () => {
  it('honours a payment that lands after its hold expired, while stock remains', async () => {
    const { order, variant, reference } = await orderAwaitingPayment(db, { stock: 3, quantity: 2 });
    await expireHolds(db, order.id);
    await releaseExpiredReservations({ db, paystack });
    expect((await orderState(order.id)).order.status).toBe('expired');
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 3, reserved: 0 });

    const { body } = await payAndCaptureWebhook(reference);
    expect(await deliverApplied(body)).toBe('processed');
    const state = await orderState(order.id);
    expect(state.order.status).toBe('paid');
    expect(state.payment.status).toBe('paid');
    expect(state.holds.map((hold) => hold.status)).toEqual(['committed']);
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 1, reserved: 0 });
    expect(await auditCount(order.id, 'order.paid_late')).toBe(1);
  });

  it('flags a late payment whose stock was sold meanwhile and queues a full refund', async () => {
    const { order, variant, reference } = await orderAwaitingPayment(db, { stock: 2, quantity: 2 });
    await expireHolds(db, order.id);
    await releaseExpiredReservations({ db, paystack });
    const rival = await placeOrder(
      { db },
      { userId: null, email: 'rival@example.test', shippingAddress: testAddress, deliveryOption: 'pickup', lines: [{ variantId: variant.id, quantity: 2 }] },
    );
    expect(rival.ok).toBe(true);

    const { body } = await payAndCaptureWebhook(reference);
    expect(await deliverApplied(body)).toBe('processed');
    const state = await orderState(order.id);
    expect(state.order.status).toBe('paid_needs_attention');
    expect(state.payment.status).toBe('paid');
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 2, reserved: 2 });
    const [refund] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.event, 'refund/requested'), eq(outbox.dedupeKey, state.payment.id)));
    expect(refund!.payload).toMatchObject({ orderId: order.id, amount: order.totalAmount, currency: 'NGN' });
  });

  it('finds a payment whose webhook was dropped by reconciliation; the late webhook is then a duplicate', async () => {
    const { order, variant, reference } = await orderAwaitingPayment(db, { stock: 5, quantity: 1 });
    const { body } = await payAndCaptureWebhook(reference);

    // Test files running alongside leave open intents of their own; a run reaches the 50 oldest by default, so this
    // one must reach them all to be sure of finding ours.
    await reconcilePayments({ db, paystack, expectedDomain: 'test' }, { olderThanSeconds: 0, batchSize: 10_000 });
    const state = await orderState(order.id);
    expect(state.order.status).toBe('paid');
    expect(await auditCount(state.payment.id, 'payment.paid')).toBe(1);
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 4, reserved: 0 });

    expect(await deliverApplied(body)).toBe('duplicate');
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 4, reserved: 0 });
  });

  it('gives exactly one outcome when the release job and the webhook race on the same order', async () => {
    for (let round = 0; round < 5; round++) {
      const { order, variant, reference } = await orderAwaitingPayment(db, { stock: 3, quantity: 1 });
      const { body } = await payAndCaptureWebhook(reference);
      // The release job asked Paystack before the shopper paid: it believes the order is unpaid.
      await simulator.setKnobs(reference, { faults: { verify: { mode: 'error', status: 400 } } });
      await expireHolds(db, order.id);

      const [, response] = await Promise.all([releaseExpiredReservations({ db, paystack }), deliver(body)]);
      await settledEvent(db, eventKeyOf(body));
      const [event] = await db.select().from(webhookEvents).where(eq(webhookEvents.type, 'charge.success')).orderBy(desc(webhookEvents.lastAttemptAt)).limit(1);
      expect(response.status, event?.outcome ?? '').toBe(200);
      const state = await orderState(order.id);
      expect(state.order.status).toBe('paid');
      expect(state.payment.status).toBe('paid');
      expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 2, reserved: 0 });
    }
  });
});

describe('money that arrives for an order that cannot take it', () => {
  it('records a second paid attempt for an already-paid order and queues its refund, leaving the order alone', async () => {
    const { order, variant, reference } = await orderAwaitingPayment(db, { stock: 5, quantity: 1 });
    // The shopper's first attempt was declined, so a second intent was created; then both got paid.
    await db.update(payments).set({ status: 'failed' }).where(eq(payments.reference, reference));
    const second = uniqueReference('second');
    await simulator.setKnobs(second, { dropWebhooks: true });
    const retry = await initializePayment({ db, paystack, callbackUrl: 'http://127.0.0.1:3100/checkout/return', newReference: () => second }, order.id);
    expect(retry.ok).toBe(true);

    expect(await deliverApplied((await payAndCaptureWebhook(second)).body)).toBe('processed');
    const late = await payAndCaptureWebhook(reference);
    expect(await deliverApplied(late.body)).toBe('processed');

    const [first] = await db.select().from(payments).where(eq(payments.reference, reference));
    expect(first).toMatchObject({ status: 'paid', failureReason: 'Order was already paid when this payment arrived' });
    expect((await orderState(order.id)).order.status).toBe('paid');
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 4, reserved: 0 });
    const [refund] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.event, 'refund/requested'), eq(outbox.dedupeKey, first!.id)));
    expect(refund!.payload).toMatchObject({ orderId: order.id, paymentId: first!.id, amount: order.totalAmount });
    expect(await auditCount(first!.id, 'payment.unexpected')).toBe(1);
  });

  it('records and flags a charge that does not match, on an order already paid, instead of dropping it', async () => {
    const { order, reference } = await orderAwaitingPayment(db, { stock: 5, quantity: 1 });
    await db.update(payments).set({ status: 'failed' }).where(eq(payments.reference, reference));
    const second = uniqueReference('second');
    await simulator.setKnobs(second, { dropWebhooks: true });
    const retry = await initializePayment({ db, paystack, callbackUrl: 'http://127.0.0.1:3100/checkout/return', newReference: () => second }, order.id);
    expect(retry.ok).toBe(true);
    expect(await deliverApplied((await payAndCaptureWebhook(second)).body)).toBe('processed');

    // The old attempt's charge lands for another amount than its intent asked.
    const late = JSON.parse((await payAndCaptureWebhook(reference)).body) as { event: string; data: { amount: number } };
    const mismatched = JSON.stringify({ ...late, data: { ...late.data, amount: late.data.amount - 100 } });
    expect(await deliverApplied(mismatched)).toBe('processed');

    const [first] = await db.select().from(payments).where(eq(payments.reference, reference));
    expect(first!.status).toBe('needs_review');
    expect(first!.failureReason).toContain(`amount ${late.data.amount - 100} ≠ expected ${order.totalAmount}`);
    expect(first!.failureReason).toContain('order already paid');
    expect((await orderState(order.id)).order.status).toBe('paid');
    expect(await auditCount(first!.id, 'payment.mismatch')).toBe(1);
    expect(await db.$count(outbox, and(eq(outbox.event, 'payment/needs-attention'), eq(outbox.dedupeKey, first!.id)))).toBe(1);
    // A wrong amount is a person's call: no automatic refund.
    expect(await db.$count(outbox, and(eq(outbox.event, 'refund/requested'), eq(outbox.dedupeKey, first!.id)))).toBe(0);
  });
});
