// Fault: the app server's clock is 5 minutes (or more) off the database's. Holds are written and expired by the
// database clock alone (`now()` in SQL), so a skewed app neither releases a live hold early nor keeps an expired one.
// The skew is made by faking only the app process's Date (timers stay real) — the database keeps its own clock.
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { inventoryReservations, orders } from '@/db/schema';
import { releaseExpiredReservations } from '@/lib/inventory/release-expired-reservations';
import { variantStock } from '../support/catalog-fixtures';
import { expireHolds, orderAwaitingPayment, testPaystack } from '../support/checkout-fixtures';
import { testDatabase } from '../support/db';

const { db, sql: client } = testDatabase(5);
afterAll(() => client.end());
afterEach(() => vi.useRealTimers());

const MINUTE = 60_000;
const skewApp = (offsetMs: number) => vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + offsetMs });

async function holdSecondsLeft(orderId: string): Promise<number> {
  const [row] = await db
    .select({ seconds: sql<number>`extract(epoch FROM ${inventoryReservations.reservedUntil} - now())::int` })
    .from(inventoryReservations)
    .where(eq(inventoryReservations.orderId, orderId));
  return row!.seconds;
}

describe('app clock off the database clock', () => {
  it('a hold placed by an app 5 minutes fast still lasts 15 minutes by the database clock', async () => {
    skewApp(5 * MINUTE);
    const { order } = await orderAwaitingPayment(db, { stock: 3 });
    const left = await holdSecondsLeft(order.id);
    expect(left).toBeGreaterThan(14 * 60);
    expect(left).toBeLessThanOrEqual(15 * 60);
  });

  it('an app 20 minutes fast does not release a live hold early', async () => {
    const { order, variant } = await orderAwaitingPayment(db, { stock: 3, quantity: 2 });
    skewApp(20 * MINUTE); // past the hold's end by the app's clock, not by the database's
    const summary = await releaseExpiredReservations({ db, paystack: testPaystack() });
    expect(summary.expiredOrders).not.toContain(order.id);
    expect((await variantStock(db, variant.id)).reserved).toBe(2);
    const [row] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
    expect(row!.status).toBe('pending_payment');
  });

  it('an app 5 minutes slow still releases a hold that has ended by the database clock', async () => {
    const { order, variant } = await orderAwaitingPayment(db, { stock: 3, quantity: 1 });
    await expireHolds(db, order.id);
    skewApp(-5 * MINUTE); // by the app's clock the hold would still have minutes left
    const summary = await releaseExpiredReservations({ db, paystack: testPaystack() });
    expect(summary.expiredOrders).toContain(order.id);
    expect((await variantStock(db, variant.id)).reserved).toBe(0);
    const [row] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
    expect(row!.status).toBe('expired');
  });
});
