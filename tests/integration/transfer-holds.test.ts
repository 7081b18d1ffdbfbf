// Bank transfers and USSD: while Paystack reports a payment in progress (the simulator's `pendingStatus` knob), the
// release job extends the order's hold a step at a time up to its bound instead of releasing it; the return page says
// the transfer is being confirmed. Real Postgres, Redis and the simulator over HTTP; time is driven by moving the
// holds' deadlines into the past, as the other release tests do.
import { and, eq, sql as raw } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/webhooks/paystack/route';
import { eventKeyOf, settledEvent } from '../support/webhook-inbox';
import { getOrderDetail } from '@/db/queries/orders';
import { auditLogs, inventoryReservations, orders, payments } from '@/db/schema';
import { HOLD_EXTENSION_BOUND_MINUTES, HOLD_EXTENSION_STEP_MINUTES } from '@/lib/inventory/reservation-status';
import { releaseExpiredReservations } from '@/lib/inventory/release-expired-reservations';
import { type CompleteReturnDeps, completeReturn } from '@/lib/payments/ask-paystack';
import { variantStock } from '../support/catalog-fixtures';
import { cartTestClients } from '../support/cart-fixtures';
import { expireHolds, orderAwaitingPayment, testPaystack } from '../support/checkout-fixtures';
import { simulator } from '../support/paystack-sim';

const { db, sql, redis } = cartTestClients();
afterAll(() => sql.end());
const paystack = testPaystack();

const holdsOf = (orderId: string) => db.select().from(inventoryReservations).where(eq(inventoryReservations.orderId, orderId));
const orderStatus = async (orderId: string) => (await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)))[0]!.status;
const extensionAudits = (holdId: string) =>
  db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.entityType, 'reservation'), eq(auditLogs.entityId, holdId), eq(auditLogs.action, 'reservation.extended')));

/** An order paying by bank transfer: Paystack answers `ongoing` until the test settles it. */
async function transferOrder() {
  const placed = await orderAwaitingPayment(db, { stock: 5, quantity: 2 });
  await simulator.setKnobs(placed.reference, { pendingStatus: 'ongoing' });
  return placed;
}

const releaseNow = () => releaseExpiredReservations({ db, paystack });

describe('the release job and a transfer in progress', () => {
  it('extends a lapsed hold a step instead of releasing it while Paystack says ongoing, with an audit entry per hold', async () => {
    const { order, variant } = await transferOrder();
    await expireHolds(db, order.id);
    const [before] = await holdsOf(order.id);

    const summary = await releaseNow();
    expect(summary.extendedOrders).toContain(order.id);
    expect(summary.expiredOrders).not.toContain(order.id);

    const [hold] = await holdsOf(order.id);
    expect(hold!.status).toBe('active');
    const [{ now }] = (await db.execute(raw`SELECT now() AS now`)) as unknown as [{ now: string }];
    const minutesLeft = (hold!.reservedUntil.getTime() - new Date(now).getTime()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(HOLD_EXTENSION_STEP_MINUTES - 1);
    expect(minutesLeft).toBeLessThanOrEqual(HOLD_EXTENSION_STEP_MINUTES);
    expect(hold!.extendableUntil!.getTime() - before!.reservedUntil.getTime()).toBe(HOLD_EXTENSION_BOUND_MINUTES * 60_000);
    expect(await orderStatus(order.id)).toBe('pending_payment');
    expect(await variantStock(db, variant.id)).toMatchObject({ reserved: 2 });
    const audits = await extensionAudits(hold!.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorType: 'job', after: expect.objectContaining({ status: 'active', orderId: order.id, quantity: 2 }) });

    // The next lapse while still ongoing: another step, the bound unchanged.
    await expireHolds(db, order.id);
    expect((await releaseNow()).extendedOrders).toContain(order.id);
    const [again] = await holdsOf(order.id);
    expect(again!.status).toBe('active');
    expect(again!.extendableUntil).toEqual(hold!.extendableUntil);
    expect(await extensionAudits(hold!.id)).toHaveLength(2);
  });

  it('releases the hold once Paystack says the transfer failed', async () => {
    const { order, variant, reference } = await transferOrder();
    await expireHolds(db, order.id);
    expect((await releaseNow()).extendedOrders).toContain(order.id);

    expect((await simulator.settleTransaction(reference, 'failed')).status).toBe(200);
    await expireHolds(db, order.id);
    const summary = await releaseNow();
    expect(summary.expiredOrders).toContain(order.id);
    expect((await holdsOf(order.id)).map((hold) => hold.status)).toEqual(['expired']);
    expect(await orderStatus(order.id)).toBe('expired');
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 5, reserved: 0 });
  });

  it('releases the hold as today once the bound has passed, though Paystack still says ongoing', async () => {
    const { order, variant } = await transferOrder();
    await expireHolds(db, order.id);
    expect((await releaseNow()).extendedOrders).toContain(order.id);
    // Two hours later: the deadline and the bound both behind us.
    await db
      .update(inventoryReservations)
      .set({ reservedUntil: raw`now() - interval '1 minute'`, extendableUntil: raw`now() - interval '1 second'` })
      .where(eq(inventoryReservations.orderId, order.id));

    const summary = await releaseNow();
    expect(summary.extendedOrders).not.toContain(order.id);
    expect(summary.expiredOrders).toContain(order.id);
    const [hold] = await holdsOf(order.id);
    expect(hold!.status).toBe('expired');
    expect(await extensionAudits(hold!.id)).toHaveLength(1);
    expect(await orderStatus(order.id)).toBe('expired');
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 5, reserved: 0 });
  });

  it('commits the stock normally when the transfer succeeds within the window (order paid)', async () => {
    const { order, variant, reference } = await transferOrder();
    await expireHolds(db, order.id);
    expect((await releaseNow()).extendedOrders).toContain(order.id);

    expect((await simulator.settleTransaction(reference, 'success')).status).toBe(200);
    const delivery = (await simulator.deliveries(reference)).find((candidate) => candidate.event === 'charge.success');
    expect(delivery).toBeDefined();
    const response = await POST(
      new Request('http://127.0.0.1:3100/api/webhooks/paystack', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-paystack-signature': delivery!.signature },
        body: delivery!.body,
      }),
    );
    expect(response.status).toBe(200);
    expect((await settledEvent(db, eventKeyOf(delivery!.body))).status).toBe('processed');
    expect(await orderStatus(order.id)).toBe('paid');
    expect((await holdsOf(order.id)).map((hold) => hold.status)).toEqual(['committed']);
    const [payment] = await db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(payment!.status).toBe('paid');
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 3, reserved: 0 });
  });
});

describe('the return page during a transfer', () => {
  function returnDeps(): CompleteReturnDeps {
    return {
      db,
      redis,
      paystack,
      expectedDomain: 'test',
      siteUrl: 'https://shop.example.test',
      viewOrder: async (orderId) => {
        const order = await getOrderDetail(db, orderId);
        return order ? { order, accessToken: 'guest-token', viewer: 'guest' } : null;
      },
      cartOwner: async () => null,
      afterPaymentCommitted: async () => {},
    };
  }

  it('says the transfer is being confirmed while Paystack says ongoing, and paid once it settles', async () => {
    const { order, reference } = await transferOrder();
    const waiting = await completeReturn(returnDeps(), reference);
    expect(waiting).toMatchObject({ kind: 'order', state: 'awaiting_payment', confirmingTransfer: true });
    // Nothing was closed: the payment is still open for the transfer to land.
    const [payment] = await db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(payment!.status).toBe('initialized');

    expect((await simulator.settleTransaction(reference, 'success')).status).toBe(200);
    expect(await completeReturn(returnDeps(), reference)).toMatchObject({ kind: 'order', state: 'paid', confirmingTransfer: false });
  });

  it('keeps today’s answer for a card payment the shopper cancelled (Paystack says abandoned, not ongoing)', async () => {
    const { reference } = await orderAwaitingPayment(db);
    expect(await completeReturn(returnDeps(), reference)).toMatchObject({ kind: 'order', state: 'payment_failed', confirmingTransfer: false });
  });
});
