// Stock adjustments against the real Postgres: an admin's correction racing shoppers' checkouts and payments on the
// same variant loses nothing (on hand = start + adjustment − sold, reserved = the active holds, both CHECKs hold, and
// the audit log has the adjustment and every sale); a stale form is refused with the numbers as they are and writes
// nothing; going below what orders hold is refused in words. Checkouts and payments go through the real use cases
// (place-order, the simulator's signed charge.success applied by the webhook use case). Stood in: who is signed in,
// for the actions' refusal of a customer (through the doors' own seam).
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustStockAction, setLowStockThresholdAction } from '@/app/(admin)/admin/inventory/[variantId]/actions';
import { activeHolds, getInventoryVariant, inventoryListQuery, listInventory } from '@/db/queries/admin-inventory';
import { auditLogs, inventoryReservations, productVariants, users } from '@/db/schema';
import { placeOrder } from '@/lib/checkout/place-order';
import { adjustStock } from '@/lib/inventory/adjust-stock';
import { setLowStockThreshold } from '@/lib/inventory/set-low-stock-threshold';
import { initializePayment } from '@/lib/payments/initialize-payment';
import { withDoorDeps } from '@/lib/server/deps/door-deps';
import { adjustStockFailure } from '@/lib/server/deps/inventory';
import { receivePaystackWebhook } from '@/lib/webhooks/receive-paystack-webhook';
import { createFixtureUser } from '../support/cart-fixtures';
import { createTestVariants, testAddress, variantStock } from '../support/catalog-fixtures';
import { payAndCaptureWebhook, testPaystack } from '../support/checkout-fixtures';
import { testDatabase } from '../support/db';
import { simulator, uniqueReference } from '../support/paystack-sim';

const { db, sql } = testDatabase(30);
let adminId: string;
let customer: { id: string; email: string; name: string; role: 'customer' };

beforeAll(async () => {
  adminId = (await createFixtureUser(db, 'admin')).id;
  const row = await createFixtureUser(db, 'customer');
  customer = { id: row.id, email: row.email, name: row.name, role: 'customer' };
});
afterAll(async () => {
  await db.delete(users).where(inArray(users.id, [adminId, customer.id]));
  await sql.end();
});

const checkout = (variantId: string, email: string) =>
  placeOrder({ db }, { userId: null, email, shippingAddress: testAddress, deliveryOption: 'pickup', lines: [{ variantId, quantity: 1 }] });

/** An order holding one unit, paid at the simulator, whose charge.success is captured but not yet applied. */
async function paidButNotApplied(variantId: string, email: string) {
  const placed = await checkout(variantId, email);
  if (!placed.ok) throw new Error(`order not placed: ${JSON.stringify(placed.error)}`);
  const reference = uniqueReference('race');
  await simulator.setKnobs(reference, { dropWebhooks: true });
  const intent = await initializePayment(
    { db, paystack: testPaystack(), callbackUrl: 'http://127.0.0.1:3100/checkout/return', newReference: () => reference },
    placed.value.id,
  );
  if (!intent.ok) throw new Error(`payment not initialised: ${JSON.stringify(intent.error)}`);
  return { orderId: placed.value.id, webhook: await payAndCaptureWebhook(reference) };
}

const variantAudit = (variantId: string, action: string) =>
  db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.entityType, 'variant'), eq(auditLogs.entityId, variantId), eq(auditLogs.action, action)));

describe('adjustStock racing checkouts and payments', () => {
  it('loses no update: on hand = start + adjustment − sold, reserved = active holds, CHECKs hold, audit has both', async () => {
    const [variant] = await createTestVariants(db, [{ stock: 20 }]);
    const variantId = variant!.id;
    const tag = variantId.slice(0, 8);
    const toPay = await Promise.all([0, 1, 2].map((n) => paidButNotApplied(variantId, `race-paid-${n}-${tag}@example.test`)));
    const opened = await variantStock(db, variantId);
    expect(opened).toMatchObject({ stockOnHand: 20, reserved: 3 });

    // The admin's correction, as a person would make it: submit with the on-hand figure the form was opened with; if a
    // sale moved it meanwhile (it lands first in some runs and after a refusal in others: both are the race), read the
    // new numbers and submit again. Whatever the interleaving, the totals below must come out exact.
    const attempts: string[] = [];
    const adjust = async () => {
      let onHand = opened.stockOnHand;
      for (let attempt = 0; attempt < 20; attempt++) {
        const result = await adjustStock(db, { variantId, expectedOnHand: onHand, mode: 'add', quantity: 7, reason: 'Delivery from supplier', adminId });
        if (result.ok) return result.value;
        attempts.push(result.error.code);
        if (result.error.code !== 'changed_since_read') throw new Error(`unexpected refusal ${result.error.code}`);
        onHand = result.error.current.stockOnHand;
      }
      throw new Error('the adjustment never landed');
    };
    const [adjusted, ...others] = await Promise.all([
      adjust(),
      ...Array.from({ length: 6 }, (_, n) => checkout(variantId, `race-new-${n}-${tag}@example.test`)),
      ...toPay.map(({ webhook }) =>
        receivePaystackWebhook({ db }, { rawBody: webhook.body, headers: { 'x-paystack-signature': webhook.signature } }, { expectedDomain: 'test' }),
      ),
    ]);
    const placed = others.slice(0, 6) as Array<Awaited<ReturnType<typeof checkout>>>;
    expect(placed.every((result) => result.ok)).toBe(true);
    expect(attempts.every((code) => code === 'changed_since_read')).toBe(true);
    expect(adjusted.after.stockOnHand - adjusted.before.stockOnHand).toBe(7);

    const sold = 3;
    const final = await variantStock(db, variantId);
    expect(final.stockOnHand).toBe(20 + 7 - sold);
    const holds = await db
      .select({ quantity: inventoryReservations.quantity })
      .from(inventoryReservations)
      .where(and(eq(inventoryReservations.variantId, variantId), eq(inventoryReservations.status, 'active')));
    expect(final.reserved).toBe(holds.reduce((sum, hold) => sum + hold.quantity, 0));
    expect(final.reserved).toBe(6);
    expect(final.reserved).toBeLessThanOrEqual(final.stockOnHand);
    // Every stock change bumped the version exactly once: 6 holds, 3 sales, 1 adjustment since the form was opened.
    expect(final.version).toBe(opened.version + 6 + 3 + 1);

    const [adjustment, ...more] = await variantAudit(variantId, 'stock.adjusted');
    expect(more).toEqual([]);
    expect(adjustment).toMatchObject({
      actorType: 'admin',
      actorId: adminId,
      before: { stockOnHand: adjusted.before.stockOnHand, reserved: adjusted.before.reserved, version: adjusted.before.version },
      after: { stockOnHand: adjusted.after.stockOnHand, version: adjusted.before.version + 1 },
      metadata: { mode: 'add', quantity: 7, change: 7, reason: 'Delivery from supplier' },
    });
    const sales = await variantAudit(variantId, 'stock.committed');
    expect(sales).toHaveLength(sold);
    expect(sales.map((entry) => (entry.after as { orderId: string }).orderId).sort()).toEqual(toPay.map((paid) => paid.orderId).sort());
  });
});

describe('adjustStock refusals', () => {
  it('refuses a correction made on a stale on-hand figure (a sale landed) with the numbers as they are now, and writes nothing', async () => {
    const [variant] = await createTestVariants(db, [{ stock: 10 }]);
    const sale = await paidButNotApplied(variant!.id, `stale-${variant!.id.slice(0, 8)}@example.test`);
    const opened = await variantStock(db, variant!.id);
    const applied = await receivePaystackWebhook(
      { db },
      { rawBody: sale.webhook.body, headers: { 'x-paystack-signature': sale.webhook.signature } },
      { expectedDomain: 'test' },
    );
    expect(applied.kind).toBe('processed');
    const auditBefore = await variantAudit(variant!.id, 'stock.adjusted');

    const result = await adjustStock(db, {
      variantId: variant!.id,
      expectedOnHand: opened.stockOnHand,
      mode: 'set',
      quantity: 4,
      reason: 'stocktake',
      adminId,
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'changed_since_read', current: { stockOnHand: 9, reserved: 0, available: 9, version: opened.version + 1 } },
    });
    expect(await variantStock(db, variant!.id)).toEqual({ stockOnHand: 9, reserved: 0, version: opened.version + 1 });
    expect(await variantAudit(variant!.id, 'stock.adjusted')).toEqual(auditBefore);
    // What the admin reads.
    if (!result.ok) expect(adjustStockFailure(result.error).message).toMatch(/changed since you opened it: now 9 on hand, 0 reserved/);
  });

  it('is not locked out by checkouts: holds taken after the form opened do not refuse a restock', async () => {
    const [variant] = await createTestVariants(db, [{ stock: 10 }]);
    const opened = await variantStock(db, variant!.id);
    for (const n of [1, 2, 3]) expect((await checkout(variant!.id, `busy-${n}-${variant!.id.slice(0, 8)}@example.test`)).ok).toBe(true);

    const result = await adjustStock(db, { variantId: variant!.id, expectedOnHand: opened.stockOnHand, mode: 'add', quantity: 5, reason: 'delivery', adminId });
    expect(result).toMatchObject({ ok: true, value: { before: { stockOnHand: 10, reserved: 3 }, after: { stockOnHand: 15, reserved: 3, available: 12 } } });
    // A double-submit of the same form (same figure) lands once.
    expect(
      await adjustStock(db, { variantId: variant!.id, expectedOnHand: opened.stockOnHand, mode: 'add', quantity: 5, reason: 'delivery', adminId }),
    ).toMatchObject({
      ok: false,
      error: { code: 'changed_since_read' },
    });
    expect(await variantStock(db, variant!.id)).toMatchObject({ stockOnHand: 15, reserved: 3 });
  });

  it('refuses to go below what orders hold, in words, and writes nothing', async () => {
    const [variant] = await createTestVariants(db, [{ stock: 5 }]);
    const tag = variant!.id.slice(0, 8);
    for (const n of [1, 2, 3]) expect((await checkout(variant!.id, `below-${n}-${tag}@example.test`)).ok).toBe(true);
    const opened = await variantStock(db, variant!.id);

    const removing = await adjustStock(db, {
      variantId: variant!.id,
      expectedOnHand: opened.stockOnHand,
      mode: 'remove',
      quantity: 3,
      reason: 'damaged',
      adminId,
    });
    expect(removing).toMatchObject({ ok: false, error: { code: 'below_reserved', requested: 2, current: { stockOnHand: 5, reserved: 3 } } });
    if (!removing.ok) {
      const failure = adjustStockFailure(removing.error);
      expect(failure.code).toBe('stock_below_reserved');
      expect(failure.message).toBe('That would leave 2 on hand, but 3 are held for orders waiting for payment: on hand cannot go below 3. Nothing was saved.');
    }
    const setting = await adjustStock(db, {
      variantId: variant!.id,
      expectedOnHand: opened.stockOnHand,
      mode: 'set',
      quantity: 0,
      reason: 'stocktake',
      adminId,
    });
    expect(setting).toMatchObject({ ok: false, error: { code: 'below_reserved' } });
    expect(await variantStock(db, variant!.id)).toEqual(opened);

    // Down to exactly what is held is allowed: nothing left to sell, every hold still honoured.
    const toHeld = await adjustStock(db, {
      variantId: variant!.id,
      expectedOnHand: opened.stockOnHand,
      mode: 'set',
      quantity: 3,
      reason: 'stocktake',
      adminId,
    });
    expect(toHeld).toMatchObject({ ok: true, value: { after: { stockOnHand: 3, reserved: 3, available: 0, version: opened.version + 1 } } });
  });

  it('refuses a change to nothing and an unknown variant', async () => {
    const [variant] = await createTestVariants(db, [{ stock: 4 }]);
    const { stockOnHand } = await variantStock(db, variant!.id);
    expect(await adjustStock(db, { variantId: variant!.id, expectedOnHand: stockOnHand, mode: 'set', quantity: 4, reason: 'count', adminId })).toMatchObject({
      ok: false,
      error: { code: 'no_change' },
    });
    expect(
      await adjustStock(db, { variantId: '00000000-0000-4000-8000-000000000000', expectedOnHand: 0, mode: 'add', quantity: 1, reason: 'x y z', adminId }),
    ).toEqual({ ok: false, error: { code: 'variant_not_found' } });
  });
});

describe('low-stock threshold and the inventory reads', () => {
  it('changes the threshold (audited, version untouched) and the low-stock filter follows it', async () => {
    const [variant] = await createTestVariants(db, [{ stock: 6 }]);
    const before = await variantStock(db, variant!.id);
    const query = (filter?: 'low-stock') => inventoryListQuery.parse({ q: variant!.sku, ...(filter ? { filter } : {}) });
    expect((await listInventory(db, query('low-stock'))).rows).toEqual([]);
    // Every row says whether it is low by the filter's own condition: the table's and the variant page's badge.
    expect((await listInventory(db, query())).rows).toEqual([expect.objectContaining({ variantId: variant!.id, low: false })]);
    expect(await getInventoryVariant(db, variant!.id)).toMatchObject({ low: false });

    expect(await setLowStockThreshold(db, { variantId: variant!.id, threshold: 6, adminId })).toEqual({ ok: true, value: { before: 3, after: 6 } });
    expect((await variantStock(db, variant!.id)).version).toBe(before.version);
    const [entry] = await variantAudit(variant!.id, 'stock.threshold_changed');
    expect(entry).toMatchObject({ actorId: adminId, before: { lowStockThreshold: 3 }, after: { lowStockThreshold: 6 } });

    const low = await listInventory(db, query('low-stock'));
    expect(low.rows).toEqual([
      expect.objectContaining({ variantId: variant!.id, stockOnHand: 6, reserved: 0, available: 6, lowStockThreshold: 6, holds: 0, low: true }),
    ]);
    expect(await getInventoryVariant(db, variant!.id)).toMatchObject({ low: true });
    // Archived: not for sale, so never "low" — the filter and the flag agree.
    await db.update(productVariants).set({ archivedAt: new Date() }).where(eq(productVariants.id, variant!.id));
    expect((await listInventory(db, query('low-stock'))).rows).toEqual([]);
    expect((await listInventory(db, query())).rows).toEqual([expect.objectContaining({ low: false })]);
    expect(await getInventoryVariant(db, variant!.id)).toMatchObject({ low: false });
  });

  it('lists each active hold with its order and deadline', async () => {
    const [variant] = await createTestVariants(db, [{ stock: 6 }]);
    const placed = await checkout(variant!.id, `holds-${variant!.id.slice(0, 8)}@example.test`);
    if (!placed.ok) throw new Error('not placed');
    const holds = await activeHolds(db, variant!.id);
    expect(holds).toEqual([
      expect.objectContaining({ orderId: placed.value.id, orderNumber: placed.value.number, quantity: 1, reservedUntil: placed.value.reservedUntil }),
    ]);
    const [row] = (await listInventory(db, inventoryListQuery.parse({ q: variant!.sku }))).rows;
    expect(row).toMatchObject({ reserved: 1, available: 5, holds: 1, nextExpiry: placed.value.reservedUntil.toISOString() });
  });
});

describe('inventory actions', () => {
  const asCustomer = <T>(fn: () => Promise<T>) => withDoorDeps({ currentUser: async () => customer, requestHeaders: async () => new Headers() }, fn);

  it('refuse a customer before touching anything', async () => {
    const [variant] = await createTestVariants(db, [{ stock: 3 }]);
    const before = await variantStock(db, variant!.id);
    const adjusted = await asCustomer(() =>
      adjustStockAction({ variantId: variant!.id, expectedOnHand: before.stockOnHand, mode: 'add', quantity: '5', reason: 'sneaky' }),
    );
    expect(adjusted?.serverError?.code).toBe('forbidden');
    const threshold = await asCustomer(() => setLowStockThresholdAction({ variantId: variant!.id, threshold: '50' }));
    expect(threshold?.serverError?.code).toBe('forbidden');
    expect(await variantStock(db, variant!.id)).toEqual(before);
  });
});
