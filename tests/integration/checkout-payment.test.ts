// Payment initialisation (intent row before the Paystack call, live-intent reuse) and reservation release against real Postgres and the
// Paystack simulator over HTTP.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLogs, inventoryReservations, orders, outbox, payments } from '@/db/schema';
import { placeOrder } from '@/lib/checkout/place-order';
import { releaseExpiredReservations } from '@/lib/inventory/release-expired-reservations';
import { RECHECK_EVERY_MINUTES, RECHECK_WINDOW_HOURS, reconcilePayments } from '@/lib/payments/reconcile-payments';
import { initializePayment } from '@/lib/payments/initialize-payment';
import { createPaystackClient } from '@/lib/payments/paystack/client';
import { PAYMENT_REFERENCE_PATTERN } from '@/lib/payments/reference';
import { createTestVariants, testAddress, variantStock } from '../support/catalog-fixtures';
import { testDatabase } from '../support/db';
import { paystackEnv, simulator, uniqueReference } from '../support/paystack-sim';

const { db, sql: client } = testDatabase(10);
afterAll(() => client.end());

const paystack = createPaystackClient({ ...paystackEnv(), timeoutMs: 1_000, retryBaseDelayMs: 10 });
const callbackUrl = 'http://127.0.0.1:3100/checkout/return';

async function pendingOrder(stock = 5, quantity = 1) {
  const [variant] = await createTestVariants(db, [{ stock }]);
  const placed = await placeOrder(
    { db },
    { userId: null, email: 'payer@example.test', shippingAddress: testAddress, deliveryOption: 'pickup', lines: [{ variantId: variant!.id, quantity }] },
  );
  if (!placed.ok) throw new Error('order not placed');
  return { order: placed.value, variant: variant! };
}

/** A reference the test knows in advance, so it can set the simulator's knobs for that transaction only. */
async function knownReference(knobs: Parameters<typeof simulator.setKnobs>[1] = {}) {
  const reference = uniqueReference('co');
  await simulator.setKnobs(reference, { dropWebhooks: true, ...knobs });
  return reference;
}

const livePayments = (orderId: string) =>
  db
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.status, 'initialized')));

const expireHolds = (orderId: string) =>
  db.update(inventoryReservations).set({ reservedUntil: sql`now() - interval '1 minute'` }).where(eq(inventoryReservations.orderId, orderId));

describe('initializePayment', () => {
  it('creates one intent with a Paystack-safe reference and returns the same live intent on a retry', async () => {
    const { order } = await pendingOrder();
    const first = await initializePayment({ db, paystack, callbackUrl }, order.id);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.value.reference).toMatch(/^TXN-[A-Z0-9]{20}$/);
    expect(first.value.reference).toMatch(PAYMENT_REFERENCE_PATTERN);
    expect(first.value.authorizationUrl).toContain('/checkout/');

    const again = await initializePayment({ db, paystack, callbackUrl }, order.id);
    expect(again).toEqual({ ok: true, value: { ...first.value, reused: true } });
    const rows = await livePayments(order.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ amount: order.totalAmount, currency: 'NGN', reference: first.value.reference });
    const minutes = (rows[0]!.expiresAt.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(19);
    expect(minutes).toBeLessThanOrEqual(20.1);
  });

  it.each([
    ['a 5xx', { mode: 'error' as const, status: 503, times: 1 }],
    ['a timeout', { mode: 'timeout' as const, holdMs: 3_000, times: 1 }],
  ])('keeps the order payable after %s from Paystack; the next attempt succeeds with one live payment', async (_label, fault) => {
    const { order } = await pendingOrder();
    const failing = await knownReference({ faults: { initialize: fault } });
    const first = await initializePayment({ db, paystack, callbackUrl, newReference: () => failing }, order.id);
    expect(first).toMatchObject({ ok: false, error: { code: 'payment_unavailable' } });
    const [failed] = await db.select().from(payments).where(eq(payments.reference, failing));
    expect(failed!.status).toBe('failed');
    const [stillPending] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(stillPending!.status).toBe('pending_payment');

    const retry = await initializePayment({ db, paystack, callbackUrl }, order.id);
    expect(retry.ok && retry.value.reused).toBe(false);
    expect(await livePayments(order.id)).toHaveLength(1);
  });

  it('refuses an order whose hold has expired', async () => {
    const { order } = await pendingOrder();
    await expireHolds(order.id);
    expect(await initializePayment({ db, paystack, callbackUrl }, order.id)).toEqual({ ok: false, error: { code: 'reservation_expired' } });
  });
});

describe('releaseExpiredReservations', () => {
  it('returns expired stock exactly once when two releases run at the same time', async () => {
    const { order, variant } = await pendingOrder(4, 3);
    await initializePayment({ db, paystack, callbackUrl, newReference: await knownReference().then((ref) => () => ref) }, order.id);
    expect((await variantStock(db, variant.id)).reserved).toBe(3);
    await expireHolds(order.id);

    // Other test files run the same job concurrently, so this asserts on the database, not on which run did it.
    const [one, two] = await Promise.all([releaseExpiredReservations({ db, paystack }), releaseExpiredReservations({ db, paystack })]);
    expect([...one.expiredOrders, ...two.expiredOrders].filter((id) => id === order.id).length).toBeLessThanOrEqual(1);
    expect(await db.$count(auditLogs, and(eq(auditLogs.entityId, order.id), eq(auditLogs.action, 'reservation.expired')))).toBe(1);
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 4, reserved: 0 });
    const [after] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(after!.status).toBe('expired');
    const [payment] = await db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(payment!.status).toBe('abandoned');
    const holds = await db.select().from(inventoryReservations).where(eq(inventoryReservations.orderId, order.id));
    expect(holds.map((hold) => hold.status)).toEqual(['expired']);
    // The hold's own move is audited too, by the statement that moved it.
    const holdAudit = () =>
      db
        .select({ entityType: auditLogs.entityType, after: auditLogs.after })
        .from(auditLogs)
        .where(and(eq(auditLogs.entityId, holds[0]!.id), eq(auditLogs.action, 'reservation.expired')));
    expect(await holdAudit()).toEqual([{ entityType: 'reservation', after: { status: 'expired', orderId: order.id, variantId: variant.id, quantity: 3 } }]);

    await releaseExpiredReservations({ db, paystack });
    expect(await db.$count(auditLogs, and(eq(auditLogs.entityId, order.id), eq(auditLogs.action, 'reservation.expired')))).toBe(1);
    expect(await holdAudit()).toHaveLength(1);
    expect((await variantStock(db, variant.id)).reserved).toBe(0);
  });

  it('leaves a hold alone when Paystack says the shopper paid', async () => {
    const { order, variant } = await pendingOrder(4, 2);
    const reference = await knownReference();
    const intent = await initializePayment({ db, paystack, callbackUrl, newReference: () => reference }, order.id);
    expect(intent.ok).toBe(true);
    expect((await simulator.act(reference, 'pay')).status).toBe(200);
    await expireHolds(order.id);

    const summary = await releaseExpiredReservations({ db, paystack });
    expect(summary.expiredOrders).not.toContain(order.id);
    expect((await variantStock(db, variant.id)).reserved).toBe(2);
    const [still] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(still!.status).toBe('pending_payment');
  });

  it('keeps the hold when Paystack cannot be asked, and releases it once Paystack answers', async () => {
    const { order, variant } = await pendingOrder(4, 1);
    const reference = await knownReference();
    await initializePayment({ db, paystack, callbackUrl, newReference: () => reference }, order.id);
    await simulator.setKnobs(reference, { faults: { verify: { mode: 'error', status: 503 } } });
    await expireHolds(order.id);

    await releaseExpiredReservations({ db, paystack });
    expect((await variantStock(db, variant.id)).reserved).toBe(1);

    await simulator.setKnobs(reference, { faults: { verify: null } });
    await releaseExpiredReservations({ db, paystack });
    expect((await variantStock(db, variant.id)).reserved).toBe(0);
    const [expired] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(expired!.status).toBe('expired');
  });
});

describe('releaseExpiredReservations in batches (a flash sale running out at once)', () => {
  it('releases every due order across batches in one run, skips the one a payment commit holds, and leaves stock exact', async () => {
    const variants = await createTestVariants(db, [{ stock: 300 }, { stock: 300 }, { stock: 300 }]);
    const orderIds: string[] = [];
    for (let index = 0; index < 130; index++) {
      const lines = [{ variantId: variants[index % 3]!.id, quantity: 1 + (index % 2) }];
      if (index % 5 === 0) lines.push({ variantId: variants[(index + 1) % 3]!.id, quantity: 1 });
      const placed = await placeOrder(
        { db },
        { userId: null, email: `batch-${index}@example.test`, shippingAddress: testAddress, deliveryOption: 'pickup', lines },
      );
      if (!placed.ok) throw new Error('order not placed');
      orderIds.push(placed.value.id);
      // Every fourth abandoned checkout had been handed a Paystack page: Paystack is asked about those.
      if (index % 4 === 0)
        await initializePayment({ db, paystack, callbackUrl, newReference: await knownReference().then((ref) => () => ref) }, placed.value.id);
    }
    await db.update(inventoryReservations).set({ reservedUntil: sql`now() - interval '1 minute'` }).where(inArray(inventoryReservations.orderId, orderIds));
    const [lockedId] = orderIds;
    const heldByLocked = await db.select().from(inventoryReservations).where(eq(inventoryReservations.orderId, lockedId!));

    // A payment commit holds the first order's row for the whole run: the batch must skip it, not wait or fail.
    let unlock!: () => void;
    const held = new Promise<void>((resolve) => (unlock = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const commit = db.transaction(async (tx) => {
      await tx.select().from(orders).where(eq(orders.id, lockedId!)).for('update');
      locked();
      await held;
    });
    await isLocked;
    await releaseExpiredReservations({ db, paystack }, { batchSize: 50, verifyConcurrency: 4 });
    unlock();
    await commit;

    const statuses = await db.select({ id: orders.id, status: orders.status }).from(orders).where(inArray(orders.id, orderIds));
    expect(statuses.filter((order) => order.status === 'expired')).toHaveLength(129);
    expect(statuses.find((order) => order.id === lockedId)!.status).toBe('pending_payment');
    for (const variant of variants) {
      const stillHeld = heldByLocked.filter((hold) => hold.variantId === variant.id).reduce((sum, hold) => sum + hold.quantity, 0);
      expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 300, reserved: stillHeld });
    }
    const released = orderIds.slice(1);
    expect(await db.$count(auditLogs, and(inArray(auditLogs.entityId, released), eq(auditLogs.action, 'reservation.expired')))).toBe(129);
    expect(await db.$count(outbox, and(eq(outbox.event, 'order/expired-unpaid'), inArray(outbox.dedupeKey, released)))).toBe(129);
    expect(await db.$count(payments, and(inArray(payments.orderId, released), eq(payments.status, 'abandoned')))).toBe(32);

    // The next run picks up the order that was locked.
    await releaseExpiredReservations({ db, paystack }, { batchSize: 50 });
    for (const variant of variants) expect((await variantStock(db, variant.id)).reserved).toBe(0);
    expect(await db.$count(auditLogs, and(inArray(auditLogs.entityId, orderIds), eq(auditLogs.action, 'reservation.expired')))).toBe(130);
  });
});

describe('reconcilePayments: an attempt closed as declined that the shopper then pays on the same page', () => {
  it('is asked again after the interval and committed, even though its webhook never arrives', async () => {
    const { order, variant } = await pendingOrder(4, 1);
    const reference = await knownReference(); // webhooks dropped: only reconciliation can find what happens
    expect((await initializePayment({ db, paystack, callbackUrl, newReference: () => reference }, order.id)).ok).toBe(true);
    expect((await simulator.act(reference, 'decline')).status).toBe(200);
    const age = (column: 'created_at' | 'last_checked_at', minutes: number) =>
      db.execute(sql`UPDATE payments SET ${sql.raw(column)} = now() - make_interval(mins => ${minutes}) WHERE reference = ${reference}`);
    await age('created_at', 5); // time passing: the attempt is past reconciliation's 2-minute grace
    await reconcilePayments({ db, paystack, expectedDomain: 'test' });
    const status = async () => (await db.select({ status: payments.status }).from(payments).where(eq(payments.reference, reference)))[0]!.status;
    expect(await status()).toBe('failed');

    // Another card on the same Paystack page: the money is taken on the attempt we closed.
    expect((await simulator.act(reference, 'pay')).status).toBe(200);
    // Not asked again on the very next run (every RECHECK_EVERY_MINUTES, not every five minutes) …
    const soon = await reconcilePayments({ db, paystack, expectedDomain: 'test' });
    expect(soon.rechecked).not.toContain(reference);
    expect(await status()).toBe('failed');
    // … but once the interval has passed it is, and the payment lands through the same exactly-once commit.
    await age('last_checked_at', RECHECK_EVERY_MINUTES + 1);
    // Any other write of the row (updated_at moves) is not a check with Paystack and does not postpone the next one.
    await db.execute(sql`UPDATE payments SET updated_at = now() WHERE reference = ${reference}`);
    const later = await reconcilePayments({ db, paystack, expectedDomain: 'test' });
    expect(later.rechecked).toContain(reference);
    expect(later.paid.map((effects) => effects.orderId)).toContain(order.id);
    expect(await status()).toBe('paid');
    const [paidOrder] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
    expect(paidOrder!.status).toBe('paid');
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 3, reserved: 0 });
  });

  it('stops asking once the attempt is older than the window', async () => {
    const { order } = await pendingOrder(4, 1);
    const reference = await knownReference();
    await initializePayment({ db, paystack, callbackUrl, newReference: () => reference }, order.id);
    expect((await simulator.act(reference, 'decline')).status).toBe(200);
    await db.execute(sql`UPDATE payments SET created_at = now() - interval '5 minutes' WHERE reference = ${reference}`);
    await reconcilePayments({ db, paystack, expectedDomain: 'test' }); // closes it as failed
    expect((await simulator.act(reference, 'pay')).status).toBe(200);
    // Time passing: the attempt began longer ago than the window, and was last asked long ago.
    await db.execute(
      sql`UPDATE payments SET created_at = now() - make_interval(hours => ${RECHECK_WINDOW_HOURS + 1}), last_checked_at = now() - interval '1 hour' WHERE reference = ${reference}`,
    );
    expect((await reconcilePayments({ db, paystack, expectedDomain: 'test' })).rechecked).not.toContain(reference);
  });
});
