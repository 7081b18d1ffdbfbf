// Diagram 5 against the real Redis and Postgres: guest cart into user cart, clamped, saved in both copies, guest cart
// gone, audited — and exactly once, whether sign-ins race, are retried, or a merge dies half-way.
import { randomBytes } from 'node:crypto';
import type { Redis } from '@upstash/redis';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { auditLogs, cartItems, carts, productVariants } from '@/db/schema';
import { addToCart } from '@/lib/cart/add-to-cart';
import { mergeClaimKey } from '@/lib/cart/cart-keys';
import { mergeGuestCartIntoUserCart } from '@/lib/cart/merge-carts';
import type { CartOwner, CartView } from '@/lib/cart/types';
import { redisKeys } from '@/lib/redis';
import { cartTestClients, createFixtureCatalogue, createFixtureUser, deleteFixtureUsers, failingOnce } from '../support/cart-fixtures';

const { db, sql, redis } = cartTestClients();
const deps = { db, redis };
let catalogue: Awaited<ReturnType<typeof createFixtureCatalogue>>;
const userIds: string[] = [];
const sessionIds: string[] = [];

const v = (index: number) => catalogue.variants[index]!.id;
const quantities = (cart: CartView) => Object.fromEntries(cart.lines.map((line) => [line.variantId, line.quantity]));

async function newUser() {
  const row = await createFixtureUser(db);
  userIds.push(row.id);
  return row.id;
}

/** A guest cart holding `lines`, filled through the same use case the shop uses. */
async function guestCart(lines: Record<number, number>) {
  const sessionId = randomBytes(24).toString('base64url');
  sessionIds.push(sessionId);
  const owner: CartOwner = { kind: 'guest', sessionId };
  for (const [index, quantity] of Object.entries(lines)) await addToCart(deps, owner, { variantId: v(Number(index)), quantity });
  return sessionId;
}

async function userCart(userId: string, lines: Record<number, number>) {
  for (const [index, quantity] of Object.entries(lines)) {
    await addToCart(deps, { kind: 'user', userId }, { variantId: v(Number(index)), quantity });
  }
}

async function postgresCart(userId: string) {
  const rows = await db
    .select({ variantId: cartItems.variantId, quantity: cartItems.quantity })
    .from(cartItems)
    .innerJoin(carts, eq(carts.id, cartItems.cartId))
    .where(eq(carts.userId, userId));
  return Object.fromEntries(rows.map((row) => [row.variantId, row.quantity]));
}

async function mergeAudits(userId: string) {
  const [cart] = await db.select({ id: carts.id }).from(carts).where(eq(carts.userId, userId));
  if (!cart) return [];
  return db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.entityType, 'cart'), eq(auditLogs.entityId, cart.id), eq(auditLogs.action, 'cart.merged')));
}

/** Both copies of the user's cart, and whether anything of the guest cart is left in Redis. */
async function state(userId: string, sessionId: string) {
  return {
    postgres: await postgresCart(userId),
    redis: await redis.hgetall(redisKeys.userCart(userId)),
    guestLeft: await redis.exists(redisKeys.guestCart(sessionId), mergeClaimKey(sessionId)),
  };
}

beforeAll(async () => {
  catalogue = await createFixtureCatalogue(db, 'merge', [
    { stock: 100, maxPerOrder: 10 }, // 0: plenty
    { stock: 100, maxPerOrder: 10 }, // 1: plenty
    { stock: 3, maxPerOrder: 10 }, // 2: three left
    { stock: 100, maxPerOrder: 4 }, // 3: four per order
    { stock: 5, maxPerOrder: 10 }, // 4: sells out during a test
  ]);
});

afterAll(async () => {
  await redis.del(...sessionIds.flatMap((id) => [redisKeys.guestCart(id), mergeClaimKey(id)]));
  await deleteFixtureUsers(db, redis, userIds);
  await catalogue.cleanup();
  await sql.end();
});

describe('mergeGuestCartIntoUserCart', () => {
  it('adds overlapping lines, keeps the rest, saves both copies, deletes the guest cart and writes an audit entry', async () => {
    const userId = await newUser();
    await userCart(userId, { 0: 2, 1: 1 });
    const sessionId = await guestCart({ 0: 3, 3: 2 });

    const { cart, notices } = await mergeGuestCartIntoUserCart(deps, { sessionId, userId });

    const expected = { [v(0)]: 5, [v(1)]: 1, [v(3)]: 2 };
    expect(quantities(cart)).toEqual(expected);
    expect(notices).toEqual([]);
    expect(await state(userId, sessionId)).toEqual({ postgres: expected, redis: expected, guestLeft: 0 });
    const audits = await mergeAudits(userId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorType: 'user',
      actorId: userId,
      before: { user: { [v(0)]: 2, [v(1)]: 1 }, guest: { [v(0)]: 3, [v(3)]: 2 } },
      after: expected,
    });
  });

  it('10 concurrent merges for one user produce the same cart as one merge', async () => {
    const single = await newUser();
    const raced = await newUser();
    for (const userId of [single, raced]) await userCart(userId, { 0: 2, 3: 3 });
    const singleSession = await guestCart({ 0: 4, 1: 1, 3: 3 });
    const racedSession = await guestCart({ 0: 4, 1: 1, 3: 3 });

    const once = await mergeGuestCartIntoUserCart(deps, { sessionId: singleSession, userId: single });
    const many = await Promise.all(Array.from({ length: 10 }, () => mergeGuestCartIntoUserCart(deps, { sessionId: racedSession, userId: raced })));

    const expected = { [v(0)]: 6, [v(1)]: 1, [v(3)]: 4 };
    expect(quantities(once.cart)).toEqual(expected);
    for (const result of many) expect(quantities(result.cart)).toEqual(expected);
    expect(await state(raced, racedSession)).toEqual({ postgres: expected, redis: expected, guestLeft: 0 });
    expect(await state(single, singleSession)).toEqual({ postgres: expected, redis: expected, guestLeft: 0 });
    expect(await mergeAudits(raced)).toHaveLength(1);
  });

  it('a retried sign-in with the same cookie changes nothing', async () => {
    const userId = await newUser();
    const sessionId = await guestCart({ 1: 2 });
    await mergeGuestCartIntoUserCart(deps, { sessionId, userId });
    const again = await mergeGuestCartIntoUserCart(deps, { sessionId, userId });
    expect(quantities(again.cart)).toEqual({ [v(1)]: 2 });
    expect(await postgresCart(userId)).toEqual({ [v(1)]: 2 });
    expect(await mergeAudits(userId)).toHaveLength(1);
  });

  it('clamps to availability and to the per-line maximum, and drops a variant that sold out, with notices', async () => {
    const userId = await newUser();
    await userCart(userId, { 2: 2, 3: 3 });
    const sessionId = await guestCart({ 2: 2, 3: 3, 4: 1 });
    await db
      .update(productVariants)
      .set({ stockOnHand: 0 })
      .where(eq(productVariants.id, v(4)));

    const { cart, notices } = await mergeGuestCartIntoUserCart(deps, { sessionId, userId });

    expect(quantities(cart)).toEqual({ [v(2)]: 3, [v(3)]: 4 });
    expect(notices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'clamped', variantId: v(2), requested: 4, allowed: 3 }),
        expect.objectContaining({ kind: 'clamped', variantId: v(3), requested: 6, allowed: 4 }),
        expect.objectContaining({ kind: 'removed_unavailable', variantId: v(4) }),
      ]),
    );
    expect(notices).toHaveLength(3);
    expect(await postgresCart(userId)).toEqual({ [v(2)]: 3, [v(3)]: 4 });
  });

  it('uses the Postgres copy when Redis lost the user cart', async () => {
    const userId = await newUser();
    await userCart(userId, { 1: 2 });
    await redis.del(redisKeys.userCart(userId));
    const sessionId = await guestCart({ 1: 1, 0: 1 });

    const { cart } = await mergeGuestCartIntoUserCart(deps, { sessionId, userId });
    expect(quantities(cart)).toEqual({ [v(1)]: 3, [v(0)]: 1 });
    expect(await redis.hgetall(redisKeys.userCart(userId))).toEqual({ [v(1)]: 3, [v(0)]: 1 });
  });

  it('without a guest cart (or with a forged session id) returns the user cart and audits nothing', async () => {
    const userId = await newUser();
    await userCart(userId, { 0: 1 });
    const empty = await mergeGuestCartIntoUserCart(deps, { sessionId: randomBytes(24).toString('base64url'), userId });
    const forged = await mergeGuestCartIntoUserCart(deps, { sessionId: '*', userId });
    expect(quantities(empty.cart)).toEqual({ [v(0)]: 1 });
    expect(quantities(forged.cart)).toEqual({ [v(0)]: 1 });
    expect(await mergeAudits(userId)).toHaveLength(0);
  });
});

describe('a merge that dies half-way is finished by the next sign-in, never repeated', () => {
  /** A Redis whose first `del` fails: the process "dies" after the Postgres commit, before the cleanup. */
  const redisFailingFirstDel = (): Redis => failingOnce(redis, 'del', 'connection reset');

  /** A database whose first transaction fails: the process "dies" after the claim, before anything is committed. */
  const dbFailingFirstTransaction = (): Database => failingOnce(db, 'transaction', 'server closed the connection');

  it('dying after the commit: the retry cleans up without adding again', async () => {
    const userId = await newUser();
    await userCart(userId, { 0: 1 });
    const sessionId = await guestCart({ 0: 2 });

    await expect(mergeGuestCartIntoUserCart({ db, redis: redisFailingFirstDel() }, { sessionId, userId })).rejects.toThrow();
    expect(await postgresCart(userId)).toEqual({ [v(0)]: 3 });
    expect(await redis.exists(mergeClaimKey(sessionId))).toBe(1);

    const retried = await mergeGuestCartIntoUserCart(deps, { sessionId, userId });
    expect(quantities(retried.cart)).toEqual({ [v(0)]: 3 });
    expect(await state(userId, sessionId)).toEqual({ postgres: { [v(0)]: 3 }, redis: { [v(0)]: 3 }, guestLeft: 0 });
    expect(await mergeAudits(userId)).toHaveLength(1);
  });

  it('dying before the commit: the claimed guest lines wait for the retry, which applies them once', async () => {
    const userId = await newUser();
    await userCart(userId, { 1: 1 });
    const sessionId = await guestCart({ 1: 2 });

    await expect(mergeGuestCartIntoUserCart({ db: dbFailingFirstTransaction(), redis }, { sessionId, userId })).rejects.toThrow();
    expect(await postgresCart(userId)).toEqual({ [v(1)]: 1 });
    expect(await redis.exists(redisKeys.guestCart(sessionId))).toBe(0);
    expect(await redis.exists(mergeClaimKey(sessionId))).toBe(1);

    const [first, second] = await Promise.all([
      mergeGuestCartIntoUserCart(deps, { sessionId, userId }),
      mergeGuestCartIntoUserCart(deps, { sessionId, userId }),
    ]);
    expect(quantities(first.cart)).toEqual({ [v(1)]: 3 });
    expect(quantities(second.cart)).toEqual({ [v(1)]: 3 });
    expect(await state(userId, sessionId)).toEqual({ postgres: { [v(1)]: 3 }, redis: { [v(1)]: 3 }, guestLeft: 0 });
  });
});
