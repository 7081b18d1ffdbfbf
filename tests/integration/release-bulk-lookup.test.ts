// The release job's bulk question to Paystack: one transaction listing (GET /transaction, paged) settles many
// references at once instead of a verify each; what the listing does not settle is still verified. Real Postgres and
// the simulator over HTTP: the listing endpoint itself, a paid order in a big batch never released, an in-flight
// transfer extended, a payment that lands after the release still honoured, and the run that wakes at a deadline.
import { and, eq, inArray, sql as raw } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/webhooks/paystack/route';
import { auditLogs, inventoryReservations, orders } from '@/db/schema';
import { err } from '@/lib/core/result';
import { releaseExpiredReservations, releaseThroughPeriod } from '@/lib/inventory/release-expired-reservations';
import { listedStatuses } from '@/lib/payments/ask-paystack';
import type { PaystackClient } from '@/lib/payments/paystack/client';
import { signWebhookBody } from '@/lib/payments/paystack/signature';
import { variantStock } from '../support/catalog-fixtures';
import { expireHolds, orderAwaitingPayment, payAndCaptureWebhook, testPaystack } from '../support/checkout-fixtures';
import { testDatabase } from '../support/db';
import { paystackApi, paystackEnv, simulator, uniqueReference } from '../support/paystack-sim';
import { waitFor } from '../support/wait';
import { eventKeyOf, settledEvent } from '../support/webhook-inbox';

const { db, sql } = testDatabase(10);
afterAll(() => sql.end());
const paystack = testPaystack();

const holdStatuses = async (orderIds: string[]) =>
  db
    .select({ orderId: inventoryReservations.orderId, status: inventoryReservations.status })
    .from(inventoryReservations)
    .where(inArray(inventoryReservations.orderId, orderIds));
const orderStatus = async (orderId: string) => (await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)))[0]?.status;

/** Verify for these references answers 500 at the simulator: a release that still frees them never asked verify. */
const refuseVerify = (references: string[]) =>
  Promise.all(references.map((reference) => simulator.setKnobs(reference, { faults: { verify: { mode: 'error', status: 500, times: 100 } } })));

describe('GET /transaction at the simulator (the list)', () => {
  it('pages newest first within from/to, shows the status verify would show, filters by status, refuses a bad date', async () => {
    const from = new Date(Date.now() - 1_000);
    const references = Array.from({ length: 5 }, (_, index) => uniqueReference(`list-${index}`));
    for (const reference of references) {
      const initialized = await paystack.initializeTransaction({ email: 'lister@example.test', amount: 10_000, reference });
      expect(initialized.ok).toBe(true);
    }
    expect((await simulator.act(references[0]!, 'pay')).status).toBe(200);
    await simulator.setKnobs(references[1]!, { pendingStatus: 'ongoing' });
    // The window closes now, and the pages are read only once the clock has passed it: other test files create
    // transactions meanwhile, and one stamped inside the window would shift the newest-first offset pages under us
    // (Paystack's own paging does the same). Ours must all be there, once each, whatever else is.
    const to = new Date();
    while (Date.now() <= to.getTime()) await new Promise((resolve) => setImmediate(resolve));
    const seen: Array<{ reference: string; status: string | null; createdAt: Date }> = [];
    const first = await paystack.listTransactions({ from, to, perPage: 2, page: 1 });
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    expect(first.value.total).toBeGreaterThanOrEqual(5);
    expect(first.value.pageCount).toBe(Math.ceil(first.value.total / 2));
    seen.push(...first.value.transactions);
    for (let page = 2; page <= first.value.pageCount; page++) {
      const next = await paystack.listTransactions({ from, to, perPage: 2, page });
      if (!next.ok) throw new Error(JSON.stringify(next.error));
      expect(next.value.transactions.length).toBeLessThanOrEqual(2);
      seen.push(...next.value.transactions);
    }
    const ours = seen.filter((row) => references.includes(row.reference));
    expect(ours.map((row) => row.reference)).toEqual([...references].reverse());
    expect(Object.fromEntries(ours.map((row) => [row.reference, row.status]))).toEqual({
      [references[0]!]: 'success',
      [references[1]!]: 'ongoing',
      [references[2]!]: 'abandoned',
      [references[3]!]: 'abandoned',
      [references[4]!]: 'abandoned',
    });
    for (const row of ours) expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(from.getTime());

    const paidOnly = await paystack.listTransactions({ from, to, status: 'success', perPage: 100 });
    if (!paidOnly.ok) throw new Error(JSON.stringify(paidOnly.error));
    expect(paidOnly.value.transactions.filter((row) => references.includes(row.reference)).map((row) => row.reference)).toEqual([references[0]]);
    expect(paidOnly.value.transactions.every((row) => row.status === 'success')).toBe(true);

    const before = await paystack.listTransactions({ to: new Date(from.getTime() - 60_000), perPage: 100 });
    if (!before.ok) throw new Error(JSON.stringify(before.error));
    expect(before.value.transactions.some((row) => references.includes(row.reference))).toBe(false);

    const listed = await listedStatuses(paystack, { from, to });
    for (const reference of references) expect(listed.has(reference)).toBe(true);

    const { secretKey } = paystackEnv();
    expect((await paystackApi('GET', '/transaction?from=not-a-date', { secretKey })).status).toBe(400);
    expect((await paystackApi('GET', '/transaction', { secretKey: null })).status).toBe(401);
  });
});

describe('the release job asking Paystack in bulk', () => {
  it('never releases a paid order in a big batch; extends a transfer in flight; releases the rest exactly — without a verify each', async () => {
    const placed = await Promise.all(Array.from({ length: 24 }, () => orderAwaitingPayment(db, { stock: 5, quantity: 2 })));
    const [paidA, paidB, transfer, ...unpaid] = placed;
    for (const { reference } of [paidA!, paidB!]) expect((await simulator.act(reference, 'pay')).status).toBe(200);
    await simulator.setKnobs(transfer!.reference, { pendingStatus: 'ongoing' });
    // Verify is broken for every one of them: only the listing can settle them, or they would stay `unverified`.
    await refuseVerify(placed.map((each) => each.reference));
    for (const { order } of placed) await expireHolds(db, order.id);

    const summary = await releaseExpiredReservations({ db, paystack }, { listFrom: 0 });

    expect(summary.paidOrders).toEqual(expect.arrayContaining([paidA!.order.id, paidB!.order.id]));
    expect(summary.extendedOrders).toContain(transfer!.order.id);
    const unpaidIds = unpaid.map((each) => each.order.id);
    expect(summary.expiredOrders).toEqual(expect.arrayContaining(unpaidIds));
    expect(summary.expiredOrders).not.toContain(paidA!.order.id);
    expect(summary.expiredOrders).not.toContain(paidB!.order.id);
    expect(summary.unverifiedOrders.filter((id) => placed.some((each) => each.order.id === id))).toEqual([]);

    for (const { order, variant } of [paidA!, paidB!, transfer!]) {
      expect(await orderStatus(order.id)).toBe('pending_payment');
      expect((await holdStatuses([order.id])).map((hold) => hold.status)).toEqual(['active']);
      expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 5, reserved: 2 });
    }
    for (const { order, variant } of unpaid) {
      expect(await orderStatus(order.id)).toBe('expired');
      expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 5, reserved: 0 });
    }
    expect((await holdStatuses(unpaidIds)).every((hold) => hold.status === 'expired')).toBe(true);
  });

  it('verifies one by one what the listing cannot settle (listing down): a paid order is still never released', async () => {
    const placed = await Promise.all(Array.from({ length: 4 }, () => orderAwaitingPayment(db, { stock: 3, quantity: 1 })));
    expect((await simulator.act(placed[0]!.reference, 'pay')).status).toBe(200);
    for (const { order } of placed) await expireHolds(db, order.id);
    const listingDown: PaystackClient = {
      ...paystack,
      listTransactions: async () => err({ kind: 'unavailable' as const, message: 'listing down for this test' }),
    };

    const summary = await releaseExpiredReservations({ db, paystack: listingDown }, { listFrom: 0 });

    expect(summary.paidOrders).toContain(placed[0]!.order.id);
    expect(summary.expiredOrders).toEqual(expect.arrayContaining(placed.slice(1).map((each) => each.order.id)));
    expect(await orderStatus(placed[0]!.order.id)).toBe('pending_payment');
    expect(await variantStock(db, placed[0]!.variant.id)).toMatchObject({ stockOnHand: 3, reserved: 1 });
  });

  it('a payment that lands after the bulk release is still honoured (paid late, stock taken again)', async () => {
    const placed = await Promise.all(Array.from({ length: 3 }, () => orderAwaitingPayment(db, { stock: 3, quantity: 2 })));
    for (const { order } of placed) await expireHolds(db, order.id);
    await releaseExpiredReservations({ db, paystack }, { listFrom: 0 });
    const late = placed[1]!;
    expect(await orderStatus(late.order.id)).toBe('expired');
    expect(await variantStock(db, late.variant.id)).toMatchObject({ stockOnHand: 3, reserved: 0 });

    const { body } = await payAndCaptureWebhook(late.reference);
    const { secretKey } = paystackEnv();
    const answer = await POST(
      new Request('http://127.0.0.1:3100/api/webhooks/paystack', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-paystack-signature': signWebhookBody(body, secretKey) },
        body,
      }),
    );
    // Stored and acknowledged; the inbox worker applies it.
    expect(await answer.json()).toEqual({ status: 'received' });
    expect((await settledEvent(db, eventKeyOf(body))).status).toBe('processed');
    expect(await orderStatus(late.order.id)).toBe('paid');
    expect(await variantStock(db, late.variant.id)).toMatchObject({ stockOnHand: 1, reserved: 0 });
    const paidLate = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, late.order.id), eq(auditLogs.action, 'order.paid_late')));
    expect(paidLate).toHaveLength(1);
  });
});

describe('the scheduled run through its period', () => {
  it('started before a hold runs out, the same run wakes and releases it (no second run, no waiting for the next minute)', async () => {
    const { order, variant, reference } = await orderAwaitingPayment(db, { stock: 4, quantity: 1 });
    // Only a release that settles it from the listing can free it (no other test file's verify-based release).
    await refuseVerify([reference]);
    await db.update(inventoryReservations).set({ reservedUntil: raw`now() + interval '1500 milliseconds'` }).where(eq(inventoryReservations.orderId, order.id));
    const stop = new AbortController();
    // A day-long period: the run cannot end on its own before the deadline; the test stops it once the order expired.
    const run = releaseThroughPeriod({ db, paystack }, 24 * 60 * 60_000, { signal: stop.signal, listFrom: 0 });
    try {
      await waitFor('the hold released by the waiting run', async () => ((await orderStatus(order.id)) === 'expired' ? true : undefined), 20_000);
    } finally {
      stop.abort();
    }
    const summary = await run;
    expect(summary.expiredOrders).toContain(order.id);
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 4, reserved: 0 });
    const [hold] = await db.select().from(inventoryReservations).where(eq(inventoryReservations.orderId, order.id));
    expect(hold!.status).toBe('expired');
    expect(hold!.releasedAt!.getTime()).toBeGreaterThanOrEqual(hold!.reservedUntil.getTime());
  });
});
