// Many add-to-cart requests on one cart at the same moment, against the real Redis (through the Upstash bridge) and
// the real Postgres: the total is exactly the sum of the adds, and never above the line's cap.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cartItems, carts } from '@/db/schema';
import { addToCart } from '@/lib/cart/add-to-cart';
import type { CartOwner } from '@/lib/cart/types';
import { redisKeys } from '@/lib/redis';
import { cartTestClients, createFixtureCatalogue, createFixtureUser, deleteFixtureUsers } from '../support/cart-fixtures';

const { db, sql, redis } = cartTestClients();
const deps = { db, redis };
let catalogue: Awaited<ReturnType<typeof createFixtureCatalogue>>;
const userIds: string[] = [];
const guestKeys: string[] = [];

const guest = (): CartOwner => {
  const sessionId = randomBytes(24).toString('base64url');
  guestKeys.push(redisKeys.guestCart(sessionId));
  return { kind: 'guest', sessionId };
};
const user = async (): Promise<CartOwner> => {
  const row = await createFixtureUser(db);
  userIds.push(row.id);
  return { kind: 'user', userId: row.id };
};
const variant = (index: number) => catalogue.variants[index]!.id;

async function postgresQuantity(userId: string, variantId: string) {
  const [row] = await db
    .select({ quantity: cartItems.quantity })
    .from(cartItems)
    .innerJoin(carts, eq(carts.id, cartItems.cartId))
    .where(and(eq(carts.userId, userId), eq(cartItems.variantId, variantId)));
  return row?.quantity;
}

beforeAll(async () => {
  catalogue = await createFixtureCatalogue(db, 'concurrency', [
    { stock: 500, maxPerOrder: 100 }, // 0: room for every add
    { stock: 500, maxPerOrder: 7 }, // 1: capped by the per-line maximum
    { stock: 9, reserved: 5, maxPerOrder: 10 }, // 2: capped by availability (9 on hand − 5 reserved = 4)
  ]);
});

afterAll(async () => {
  if (guestKeys.length > 0) await redis.del(...guestKeys);
  await deleteFixtureUsers(db, redis, userIds);
  await catalogue.cleanup();
  await sql.end();
});

const burst = (owner: CartOwner, variantId: string, quantities: number[]) =>
  Promise.all(quantities.map((quantity) => addToCart(deps, owner, { variantId, quantity })));

describe('concurrent add-to-cart on one cart', () => {
  it('20 parallel adds of 1 to a guest cart leave exactly 20', async () => {
    const owner = guest();
    const results = await burst(owner, variant(0), Array(20).fill(1));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await redis.hget(redisKeys.guestCart((owner as { sessionId: string }).sessionId), variant(0))).toBe(20);
  });

  it('20 parallel adds of 1 to a signed-in cart leave exactly 20 in Redis and in Postgres', async () => {
    const owner = await user();
    const userId = (owner as { userId: string }).userId;
    await burst(owner, variant(0), Array(20).fill(1));
    expect(await redis.hget(redisKeys.userCart(userId), variant(0))).toBe(20);
    expect(await postgresQuantity(userId, variant(0))).toBe(20);
  });

  it('adds of different sizes sum exactly (1 + 2 + … + 8 = 36)', async () => {
    const owner = await user();
    const userId = (owner as { userId: string }).userId;
    await burst(owner, variant(0), [1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await redis.hget(redisKeys.userCart(userId), variant(0))).toBe(36);
    expect(await postgresQuantity(userId, variant(0))).toBe(36);
  });

  it('with a per-line maximum of 7, 20 parallel adds stop at 7 and the 13 refused units are reported', async () => {
    const owner = await user();
    const userId = (owner as { userId: string }).userId;
    const results = await burst(owner, variant(1), Array(20).fill(1));

    const quantities = results.map((result) => (result.ok ? result.value.lines[0]!.quantity : -1));
    expect(Math.max(...quantities)).toBe(7);
    expect(quantities.every((quantity) => quantity >= 1 && quantity <= 7)).toBe(true);
    const clamped = results.filter((result) => result.ok && result.value.notices.some((notice) => notice.kind === 'clamped'));
    expect(clamped).toHaveLength(13);
    expect(await redis.hget(redisKeys.userCart(userId), variant(1))).toBe(7);
    expect(await postgresQuantity(userId, variant(1))).toBe(7);
  });

  it('with 4 available (9 on hand, 5 reserved), parallel adds of 3 never go above 4 in either copy', async () => {
    const owner = await user();
    const userId = (owner as { userId: string }).userId;
    await burst(owner, variant(2), Array(10).fill(3));
    expect(await redis.hget(redisKeys.userCart(userId), variant(2))).toBe(4);
    expect(await postgresQuantity(userId, variant(2))).toBe(4);
  });

  it('parallel adds to different lines of one cart do not disturb each other', async () => {
    const owner = guest();
    const key = redisKeys.guestCart((owner as { sessionId: string }).sessionId);
    await Promise.all([burst(owner, variant(0), Array(10).fill(2)), burst(owner, variant(1), Array(10).fill(1))]);
    expect(await redis.hgetall(key)).toEqual({ [variant(0)]: 20, [variant(1)]: 7 });
  });
});
