// After checkout the cart still lists what the shopper is paying for: their own hold must not count against them,
// while everybody else's does.
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/webhooks/paystack/route';
import { eventKeyOf, settledEvent } from '../support/webhook-inbox';
import { orders, payments } from '@/db/schema';
import { addToCart } from '@/lib/cart/add-to-cart';
import { getCart } from '@/lib/cart/get-cart';
import { removePurchasedLines } from '@/lib/cart/remove-purchased-lines';
import { newCartSessionId } from '@/lib/server/doors/cart-session';
import { checkout } from '@/lib/checkout/checkout-use-case';
import { createTestVariants, testAddress, variantStock } from '../support/catalog-fixtures';
import { orderAwaitingPayment, payAndCaptureWebhook, testPaystack } from '../support/checkout-fixtures';
import { cartTestClients, createFixtureUser, deleteFixtureUsers } from '../support/cart-fixtures';
import { newIp } from '../support/checkout-api-fixtures';

const { db, sql, redis } = cartTestClients();
afterAll(() => sql.end());
const deps = { db, redis };
// Where these checkouts come from, as the doors would read it: its own address, so no other file shares its open-order cap.
const clientAddress = newIp();

describe('a shopper’s own hold', () => {
  it('keeps the cart whole after checkout and lets the same cart continue the same order', async () => {
    const [variant] = await createTestVariants(db, [{ stock: 2 }]);
    const owner = { kind: 'guest' as const, sessionId: newCartSessionId() };
    const rival = { kind: 'guest' as const, sessionId: newCartSessionId() };
    expect((await addToCart(deps, owner, { variantId: variant!.id, quantity: 2 })).ok).toBe(true);
    expect((await addToCart(deps, rival, { variantId: variant!.id, quantity: 1 })).ok).toBe(true);

    const input = { email: 'own-hold@example.test', shippingAddress: testAddress, deliveryOption: 'pickup' as const };
    const checkoutDeps = { db, redis, paystack: testPaystack(), callbackUrl: 'http://127.0.0.1:3100/checkout/return' };
    const first = await checkout(checkoutDeps, { owner, userId: null, clientAddress, input });
    expect(first.ok).toBe(true);
    expect(await variantStock(db, variant!.id)).toMatchObject({ stockOnHand: 2, reserved: 2 });

    const mine = await getCart(deps, owner);
    expect(mine.ok && mine.value.lines.map((line) => line.quantity)).toEqual([2]);
    expect(mine.ok && mine.value.notices).toEqual([]);

    const theirs = await getCart(deps, rival);
    expect(theirs.ok && theirs.value.lines).toEqual([]);
    expect(theirs.ok && theirs.value.notices.map((notice) => notice.kind)).toEqual(['removed_unavailable']);

    const again = await checkout(checkoutDeps, { owner, userId: null, clientAddress, input });
    expect(again.ok && again.value.continued).toBe(true);
    expect(again.ok && first.ok && again.value.order.id).toBe(first.ok ? first.value.order.id : undefined);
    expect(await variantStock(db, variant!.id)).toMatchObject({ stockOnHand: 2, reserved: 2 });
  });
});

describe('a checkout replaced by a changed one', () => {
  it('cancels the earlier order and frees its stock, so the corrected checkout gets the last unit', async () => {
    const [variant] = await createTestVariants(db, [{ stock: 1 }]);
    const owner = { kind: 'guest' as const, sessionId: newCartSessionId() };
    expect((await addToCart(deps, owner, { variantId: variant!.id, quantity: 1 })).ok).toBe(true);
    const checkoutDeps = { db, redis, paystack: testPaystack(), callbackUrl: 'http://127.0.0.1:3100/checkout/return' };
    const input = { email: 'typo@example.test', shippingAddress: testAddress, deliveryOption: 'pickup' as const };

    const first = await checkout(checkoutDeps, { owner, userId: null, clientAddress, input });
    expect(first.ok).toBe(true);
    const corrected = await checkout(checkoutDeps, { owner, userId: null, clientAddress, input: { ...input, email: 'fixed@example.test' } });
    expect(corrected.ok).toBe(true);
    if (!first.ok || !corrected.ok) return;
    expect(corrected.value.order.id).not.toBe(first.value.order.id);

    const [replaced] = await db.select().from(orders).where(eq(orders.id, first.value.order.id));
    expect(replaced!.status).toBe('cancelled');
    const [oldPayment] = await db.select().from(payments).where(eq(payments.orderId, first.value.order.id));
    expect(oldPayment!.status).toBe('abandoned');
    expect(await variantStock(db, variant!.id)).toMatchObject({ stockOnHand: 1, reserved: 1 });
  });
});

describe('a double submit', () => {
  it('places one order when the same shopper submits checkout five times at once', async () => {
    const [variant] = await createTestVariants(db, [{ stock: 10 }]);
    const owner = { kind: 'guest' as const, sessionId: newCartSessionId() };
    expect((await addToCart(deps, owner, { variantId: variant!.id, quantity: 2 })).ok).toBe(true);
    const checkoutDeps = { db, redis, paystack: testPaystack(), callbackUrl: 'http://127.0.0.1:3100/checkout/return' };
    const input = { email: 'double-click@example.test', shippingAddress: testAddress, deliveryOption: 'pickup' as const };

    const results = await Promise.all(Array.from({ length: 5 }, () => checkout(checkoutDeps, { owner, userId: null, clientAddress, input })));
    const placed = new Set(results.flatMap((result) => (result.ok ? [result.value.order.id] : [])));
    expect(placed.size).toBe(1);
    for (const result of results) if (!result.ok) expect(result.error.code).toBe('checkout_in_progress');
    expect(await db.$count(orders, eq(orders.email, 'double-click@example.test'))).toBe(1);
    expect(await variantStock(db, variant!.id)).toMatchObject({ stockOnHand: 10, reserved: 2 });
  });
});

describe('after payment', () => {
  it('the cart gives up exactly what was bought and keeps what was added since', async () => {
    const [a, b, c] = await createTestVariants(db, [{ stock: 10 }, { stock: 10 }, { stock: 10 }]);
    const owner = { kind: 'guest' as const, sessionId: newCartSessionId() };
    await addToCart(deps, owner, { variantId: a!.id, quantity: 3 });
    await addToCart(deps, owner, { variantId: b!.id, quantity: 1 });
    await addToCart(deps, owner, { variantId: c!.id, quantity: 2 });

    const after = await removePurchasedLines(deps, owner, [
      { variantId: a!.id, quantity: 2 },
      { variantId: b!.id, quantity: 1 },
    ]);
    expect(after.ok && after.value.lines.map((line) => [line.variantId, line.quantity]).sort()).toEqual(
      [
        [a!.id, 1],
        [c!.id, 2],
      ].sort(),
    );
  });
});

describe('a signed-in buyer’s cart after payment', () => {
  it('loses exactly the bought units in the payment’s own transaction, in Postgres and (rebuilt) in Redis', async () => {
    const user = await createFixtureUser(db);
    const owner = { kind: 'user' as const, userId: user.id };
    const { order, variant, reference } = await orderAwaitingPayment(db, { stock: 10, quantity: 2, userId: user.id });
    const [other] = await createTestVariants(db, [{ stock: 5 }]);
    await addToCart(deps, owner, { variantId: variant.id, quantity: 3 });
    await addToCart(deps, owner, { variantId: other!.id, quantity: 1 });

    const { body, signature } = await payAndCaptureWebhook(reference);
    const response = await POST(
      new Request('http://127.0.0.1:3100/api/webhooks/paystack', { method: 'POST', headers: { 'x-paystack-signature': signature }, body }),
    );
    expect(await response.json()).toEqual({ status: 'received' });
    expect((await settledEvent(db, eventKeyOf(body))).status).toBe('processed');
    const [paid] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(paid!.status).toBe('paid');

    const cart = await getCart(deps, owner);
    const quantities = Object.fromEntries(cart.ok ? cart.value.lines.map((line) => [line.variantId, line.quantity]) : []);
    expect(quantities).toEqual({ [variant.id]: 1, [other!.id]: 1 });
    await deleteFixtureUsers(db, redis, [user.id]);
  });
});
