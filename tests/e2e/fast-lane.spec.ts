// The fast lane (lib/server/fast-lane): the app process answers a guest's Store API calls and Paystack's webhook from
// their route handlers without Next's request path; everything else, and any request carrying a session cookie, is
// Next's. Through the front, as a shopper's browser or a headless client reaches the shop. (The flash sale, the webhook
// storm and the kill -9 under checkout load in two-processes.spec.ts and the purchases in checkout/purchase specs run
// through the same lane.)
import { and, eq } from 'drizzle-orm';
import { cartItems, carts } from '../../db/schema';
import { createTestVariants } from '../support/catalog-fixtures';
import { testDatabase } from '../support/db';
import { storageStateOf } from './auth-helpers';
import { expect, test } from './fixtures';

const { db, sql } = testDatabase(2);
test.afterAll(async () => sql.end());

test("a guest's cart calls are the fast lane's, with the same headers, cookie and answers as through Next", async ({ playwright, baseURL }) => {
  const guest = await playwright.request.newContext({ baseURL });
  const [variant] = await createTestVariants(db, [{ stock: 5 }]);

  const added = await guest.post('/api/cart/items', { data: { variantId: variant!.id, quantity: 2 } });
  expect(added.status()).toBe(200);
  const headers = added.headers();
  expect(headers['x-shop-lane']).toBe('fast');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['cache-control']).toBe('no-store');
  expect(headers['x-request-id']).toMatch(/^[\w-]{8,}$/);
  expect(
    added
      .headersArray()
      .filter((header) => header.name.toLowerCase() === 'set-cookie')
      .map((header) => header.value),
  ).toEqual([expect.stringMatching(/^cart_session=[\w-]+; Path=\/; .*HttpOnly; .*SameSite=lax/i)]);

  const cart = await guest.get('/api/cart');
  expect(cart.headers()['x-shop-lane']).toBe('fast');
  expect(((await cart.json()) as { lines: Array<{ variantId: string; quantity: number }> }).lines).toEqual([
    expect.objectContaining({ variantId: variant!.id, quantity: 2 }),
  ]);

  // A refusal is the error catalogue's answer, as through Next.
  const bad = await guest.post('/api/cart/items', { data: { variantId: variant!.id, quantity: 0 } });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
  expect(bad.headers()['x-shop-lane']).toBe('fast');
  await guest.dispose();
});

test("a signed-in shopper's cart call is Next's and writes to the account's cart", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ storageState: storageStateOf('customer'), baseURL });
  const [variant] = await createTestVariants(db, [{ stock: 5 }]);
  const added = await context.request.post('/api/cart/items', { data: { variantId: variant!.id, quantity: 1 } });
  expect(added.status()).toBe(200);
  expect(added.headers()['x-shop-lane']).toBeUndefined();
  const [row] = await db
    .select({ quantity: cartItems.quantity, userId: carts.userId })
    .from(cartItems)
    .innerJoin(carts, eq(carts.id, cartItems.cartId))
    .where(and(eq(cartItems.variantId, variant!.id)));
  expect(row?.quantity).toBe(1);
  expect(row?.userId).toEqual(expect.any(String));
  await context.close();
});

test('pages and every other route stay with Next', async ({ playwright, baseURL }) => {
  const client = await playwright.request.newContext({ baseURL });
  for (const path of ['/api/health', '/api/me', '/products']) {
    const response = await client.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['x-shop-lane'], path).toBeUndefined();
  }
  await client.dispose();
});
