// Order + reservation in one transaction (conditional reserve per line, sorted lock order) against the real Postgres.
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { inventoryReservations, orderItems, orders } from '@/db/schema';
import { placeOrder } from '@/lib/checkout/place-order';
import { createTestVariants, testAddress, variantStock } from '../support/catalog-fixtures';
import { testDatabase } from '../support/db';

const { db, sql } = testDatabase(30);
afterAll(() => sql.end());

const checkout = (lines: Array<{ variantId: string; quantity: number }>, email = 'buyer@example.test') =>
  placeOrder({ db }, { userId: null, email, shippingAddress: testAddress, deliveryOption: 'standard', lines });

describe('placeOrder', () => {
  it('prices from the database, reserves every line for 15 minutes and records the order', async () => {
    const [a, b] = await createTestVariants(db, [
      { stock: 5, priceAmount: 12_500_00 },
      { stock: 3, priceAmount: 4_000_00 },
    ]);
    const result = await checkout([
      { variantId: a!.id, quantity: 2 },
      { variantId: b!.id, quantity: 1 },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ subtotalAmount: 29_000_00, shippingAmount: 2_500_00, totalAmount: 31_500_00, currency: 'NGN' });
    expect(result.value.number).toMatch(/^SO-\d+$/);
    const minutes = (result.value.reservedUntil.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15.1);

    expect(await variantStock(db, a!.id)).toMatchObject({ stockOnHand: 5, reserved: 2 });
    expect(await variantStock(db, b!.id)).toMatchObject({ stockOnHand: 3, reserved: 1 });
    const [order] = await db.select().from(orders).where(eq(orders.id, result.value.id));
    expect(order!.status).toBe('pending_payment');
    const items = await db.select().from(orderItems).where(eq(orderItems.orderId, result.value.id));
    expect(items.map((item) => item.lineTotalAmount).sort((x, y) => x - y)).toEqual([4_000_00, 25_000_00]);
    const holds = await db.select().from(inventoryReservations).where(eq(inventoryReservations.orderId, result.value.id));
    expect(holds.every((hold) => hold.status === 'active')).toBe(true);
  });

  it('reserves nothing when the last line is short, and says which line and by how much', async () => {
    const [a, b, c] = await createTestVariants(db, [{ stock: 5 }, { stock: 5 }, { stock: 1 }]);
    const result = await checkout([
      { variantId: a!.id, quantity: 1 },
      { variantId: b!.id, quantity: 2 },
      { variantId: c!.id, quantity: 3 },
    ]);
    expect(result).toEqual({
      ok: false,
      error: { code: 'out_of_stock', lines: [{ variantId: c!.id, title: expect.stringContaining('Size 3'), requested: 3, available: 1 }] },
    });
    for (const variant of [a!, b!, c!]) expect((await variantStock(db, variant.id)).reserved).toBe(0);
  });

  it('refuses more than the per-order maximum and unknown variants without writing anything', async () => {
    const [a] = await createTestVariants(db, [{ stock: 50, maxPerOrder: 4 }]);
    const email = `limits-${a!.id}@example.test`;
    const tooMany = await checkout([{ variantId: a!.id, quantity: 5 }], email);
    expect(tooMany).toEqual({ ok: false, error: { code: 'invalid_lines', problems: [{ variantId: a!.id, problem: 'above_limit', limit: 4 }] } });
    const unknown = await checkout([{ variantId: '00000000-0000-4000-8000-000000000000', quantity: 1 }], email);
    expect(unknown.ok).toBe(false);
    expect(await db.$count(orders, eq(orders.email, email))).toBe(0);
    expect((await variantStock(db, a!.id)).reserved).toBe(0);
  });

  it('never oversells: 60 concurrent checkouts for 10 units give exactly 10 orders', async () => {
    const [hot] = await createTestVariants(db, [{ stock: 10 }]);
    const results = await Promise.all(Array.from({ length: 60 }, (_, index) => checkout([{ variantId: hot!.id, quantity: 1 }], `flash-${index}@example.test`)));
    const placed = results.filter((result) => result.ok);
    const refused = results.filter((result) => !result.ok);
    expect(placed).toHaveLength(10);
    expect(refused).toHaveLength(50);
    for (const result of refused) expect(result.ok === false && result.error.code).toBe('out_of_stock');
    const stock = await variantStock(db, hot!.id);
    expect(stock).toMatchObject({ stockOnHand: 10, reserved: 10, version: 10 });
    const holds = await db.select().from(inventoryReservations).where(eq(inventoryReservations.variantId, hot!.id));
    expect(holds.reduce((sum, hold) => sum + hold.quantity, 0)).toBe(10);
  });

  it('does not deadlock when concurrent multi-line orders list the same variants in opposite orders', async () => {
    const [a, b] = await createTestVariants(db, [{ stock: 100 }, { stock: 100 }]);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        checkout(
          index % 2 === 0
            ? [
                { variantId: a!.id, quantity: 1 },
                { variantId: b!.id, quantity: 1 },
              ]
            : [
                { variantId: b!.id, quantity: 1 },
                { variantId: a!.id, quantity: 1 },
              ],
        ),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect((await variantStock(db, a!.id)).reserved).toBe(30);
    expect((await variantStock(db, b!.id)).reserved).toBe(30);
  });
});
