// The cart's two copies against the real services: a signed-in cart outlives its Redis key, TTLs slide, lines that
// stop being buyable are corrected in both copies, and a Redis outage is a typed `cart_unavailable`.
import { randomBytes } from 'node:crypto';
import { Redis } from '@upstash/redis';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cartItems, carts, productVariants } from '@/db/schema';
import { addToCart } from '@/lib/cart/add-to-cart';
import { clearCart, removeCartLine, updateCartLine } from '@/lib/cart/change-cart-line';
import { getCart } from '@/lib/cart/get-cart';
import type { CartOwner, CartView } from '@/lib/cart/types';
import { redisKeys, redisTtlSeconds } from '@/lib/redis';
import { cartTestClients, createFixtureCatalogue, createFixtureUser, deleteFixtureUsers, failingOnce } from '../support/cart-fixtures';

const { db, sql, redis } = cartTestClients();
const deps = { db, redis };
let catalogue: Awaited<ReturnType<typeof createFixtureCatalogue>>;
const userIds: string[] = [];
const guestKeys: string[] = [];

const variant = (index: number) => catalogue.variants[index]!.id;
const newUser = async () => {
  const row = await createFixtureUser(db);
  userIds.push(row.id);
  return { owner: { kind: 'user', userId: row.id } as CartOwner, userId: row.id, key: redisKeys.userCart(row.id) };
};
const newGuest = () => {
  const sessionId = randomBytes(24).toString('base64url');
  guestKeys.push(redisKeys.guestCart(sessionId));
  return { owner: { kind: 'guest', sessionId } as CartOwner, key: redisKeys.guestCart(sessionId) };
};
const quantities = (cart: CartView) => Object.fromEntries(cart.lines.map((line) => [line.variantId, line.quantity]));

async function postgresCart(userId: string) {
  const rows = await db
    .select({ variantId: cartItems.variantId, quantity: cartItems.quantity })
    .from(cartItems)
    .innerJoin(carts, eq(carts.id, cartItems.cartId))
    .where(eq(carts.userId, userId));
  return Object.fromEntries(rows.map((row) => [row.variantId, row.quantity]));
}

async function must<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

beforeAll(async () => {
  catalogue = await createFixtureCatalogue(db, 'persistence', [
    { stock: 50, priceAmount: 200_000 }, // 0
    { stock: 50, priceAmount: 35_000 }, // 1
    { stock: 20 }, // 2: archived during a test
    { stock: 20 }, // 3: stock drops during a test
  ]);
});

afterAll(async () => {
  if (guestKeys.length > 0) await redis.del(...guestKeys);
  await deleteFixtureUsers(db, redis, userIds);
  await catalogue.cleanup();
  await sql.end();
});

describe('a signed-in cart outlives Redis', () => {
  it('is rebuilt from Postgres when its Redis key is gone, with the same lines and prices', async () => {
    const { owner, userId, key } = await newUser();
    await must(addToCart(deps, owner, { variantId: variant(0), quantity: 2 }));
    const before = await must(addToCart(deps, owner, { variantId: variant(1), quantity: 3 }));
    expect(await postgresCart(userId)).toEqual({ [variant(0)]: 2, [variant(1)]: 3 });

    await redis.del(key); // what FLUSHDB or an eviction does to this cart
    expect(await redis.exists(key)).toBe(0);

    const after = await must(getCart(deps, owner));
    expect(after).toEqual(before);
    expect(after.subtotal).toEqual({ amount: 2 * 200_000 + 3 * 35_000, currency: 'NGN' });
    expect(await redis.hgetall(key)).toEqual({ [variant(0)]: 2, [variant(1)]: 3 });
    expect(await redis.ttl(key)).toBeGreaterThan(redisTtlSeconds.userCart - 60);
  });

  it('applies a change made after the loss on top of the Postgres copy', async () => {
    const { owner, userId, key } = await newUser();
    await must(addToCart(deps, owner, { variantId: variant(0), quantity: 2 }));
    await redis.del(key);

    const cart = await must(addToCart(deps, owner, { variantId: variant(0), quantity: 1 }));
    expect(quantities(cart)).toEqual({ [variant(0)]: 3 });
    expect(await redis.hget(key, variant(0))).toBe(3);
    expect(await postgresCart(userId)).toEqual({ [variant(0)]: 3 });
  });

  it('update, remove and clear reach both copies', async () => {
    const { owner, userId, key } = await newUser();
    await must(addToCart(deps, owner, { variantId: variant(0), quantity: 1 }));
    await must(addToCart(deps, owner, { variantId: variant(1), quantity: 1 }));

    await must(updateCartLine(deps, owner, { variantId: variant(0), quantity: 4 }));
    await must(removeCartLine(deps, owner, { variantId: variant(1) }));
    expect(await redis.hgetall(key)).toEqual({ [variant(0)]: 4 });
    expect(await postgresCart(userId)).toEqual({ [variant(0)]: 4 });

    const cleared = await must(clearCart(deps, owner));
    expect(cleared.itemCount).toBe(0);
    expect(await redis.exists(key)).toBe(0);
    expect(await postgresCart(userId)).toEqual({});
    expect(quantities(await must(getCart(deps, owner)))).toEqual({});
  });

  it('when the Postgres write fails after Redis took the change, Redis is dropped so both copies agree again', async () => {
    const { owner, userId, key } = await newUser();
    await must(addToCart(deps, owner, { variantId: variant(0), quantity: 2 }));
    const flakyDb = failingOnce(db, 'execute', 'connection terminated');

    await expect(addToCart({ db: flakyDb, redis }, owner, { variantId: variant(0), quantity: 3 })).rejects.toThrow('connection terminated');
    expect(await redis.exists(key)).toBe(0);
    expect(await postgresCart(userId)).toEqual({ [variant(0)]: 2 });
    expect(quantities(await must(getCart(deps, owner)))).toEqual({ [variant(0)]: 2 });
  });
});

describe('limits and TTLs', () => {
  it('reads and writes slide the TTL: 7 days for a guest cart', async () => {
    const { owner, key } = newGuest();
    await must(addToCart(deps, owner, { variantId: variant(0), quantity: 1 }));
    expect(await redis.ttl(key)).toBeGreaterThan(redisTtlSeconds.guestCart - 60);
    await redis.expire(key, 100);
    await must(getCart(deps, owner));
    expect(await redis.ttl(key)).toBeGreaterThan(redisTtlSeconds.guestCart - 60);
  });

  it('setting a quantity clamps to the per-line maximum with a notice; an absent line is line_not_found', async () => {
    const { owner } = newGuest();
    await must(addToCart(deps, owner, { variantId: variant(0), quantity: 1 }));
    const cart = await must(updateCartLine(deps, owner, { variantId: variant(0), quantity: 25 }));
    expect(quantities(cart)).toEqual({ [variant(0)]: 10 });
    expect(cart.notices).toEqual([expect.objectContaining({ kind: 'clamped', requested: 25, allowed: 10 })]);

    const missing = await updateCartLine(deps, owner, { variantId: variant(1), quantity: 2 });
    expect(missing).toEqual({ ok: false, error: { code: 'line_not_found', variantId: variant(1) } });
  });

  it('a line whose variant is archived is dropped from both copies with a notice, once', async () => {
    const { owner, userId, key } = await newUser();
    await must(addToCart(deps, owner, { variantId: variant(0), quantity: 1 }));
    await must(addToCart(deps, owner, { variantId: variant(2), quantity: 2 }));
    await db
      .update(productVariants)
      .set({ archivedAt: new Date() })
      .where(eq(productVariants.id, variant(2)));

    const cart = await must(getCart(deps, owner));
    expect(quantities(cart)).toEqual({ [variant(0)]: 1 });
    expect(cart.notices).toEqual([{ kind: 'removed_unavailable', variantId: variant(2), title: expect.stringContaining('V2') }]);
    expect(await redis.hexists(key, variant(2))).toBe(0);
    expect(await postgresCart(userId)).toEqual({ [variant(0)]: 1 });
    expect((await must(getCart(deps, owner))).notices).toEqual([]);

    expect(await addToCart(deps, owner, { variantId: variant(2), quantity: 1 })).toMatchObject({ ok: false, error: { code: 'out_of_stock' } });
  });

  it('a line above the stock left is lowered in both copies with a notice', async () => {
    const { owner, userId, key } = await newUser();
    await must(addToCart(deps, owner, { variantId: variant(3), quantity: 6 }));
    await db
      .update(productVariants)
      .set({ stockOnHand: 8, reserved: 4 })
      .where(and(eq(productVariants.id, variant(3))));

    const cart = await must(getCart(deps, owner));
    expect(quantities(cart)).toEqual({ [variant(3)]: 4 });
    expect(cart.lines[0]).toMatchObject({ available: 4, maxQuantity: 4 });
    expect(cart.notices).toEqual([expect.objectContaining({ kind: 'clamped', requested: 6, allowed: 4 })]);
    expect(await redis.hget(key, variant(3))).toBe(4);
    expect(await postgresCart(userId)).toEqual({ [variant(3)]: 4 });
  });

  it('a variant id the catalogue does not have is variant_not_found, and nothing is stored', async () => {
    const { owner, key } = newGuest();
    const result = await addToCart(deps, owner, { variantId: '00000000-0000-4000-8000-000000000000', quantity: 1 });
    expect(result).toEqual({ ok: false, error: { code: 'variant_not_found' } });
    expect(await redis.exists(key)).toBe(0);
  });
});

describe('when Redis does not answer', () => {
  // Nothing listens on port 9 (discard): every command fails like an outage of the Upstash endpoint.
  const down = new Redis({ url: 'http://127.0.0.1:9', token: 'x', retry: false });

  it('reads and writes are cart_unavailable, not a crash', async () => {
    const owner: CartOwner = { kind: 'guest', sessionId: randomBytes(24).toString('base64url') };
    expect(await getCart({ db, redis: down }, owner)).toEqual({ ok: false, error: { code: 'cart_unavailable' } });
    expect(await addToCart({ db, redis: down }, owner, { variantId: variant(0), quantity: 1 })).toEqual({
      ok: false,
      error: { code: 'cart_unavailable' },
    });
  });
});
