// Stock hoarding through the Store API, with real Requests against the real Postgres, Redis (through the bridge) and the
// Paystack simulator: a script at one client address opening guest checkout after guest checkout is refused with 429
// once it holds a handful of orders, while as many real shoppers (each at their own address) all get their unit; one
// email cannot collect holds from many addresses; cart writes are rate-limited; a guest who comes back after an unpaid
// checkout gets a shorter hold. Limits are the app's own, on day-long windows under a fresh key prefix, so the counts
// are exact whatever the clock says and no other test shares them.
import { randomBytes } from 'node:crypto';
import { eq, sql as drizzleSql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryReservations, orders } from '@/db/schema';
import { HOLD_MINUTES, OPEN_ORDER_CAPS } from '@/lib/checkout/open-orders';
import type { SessionUser } from '@/lib/server/deps/door-deps';
import { createRateLimiter, type RateLimitPolicy, rateLimitPolicies } from '@/lib/server/doors/rate-limit';
import { variantStock } from '../support/catalog-fixtures';
import { cartTestClients, createFixtureCatalogue, createFixtureUser } from '../support/cart-fixtures';
import { type CheckoutReply, checkoutBody, closeCheckoutApiClients, type ErrorReply, newIp, request } from '../support/checkout-api-fixtures';
import { signedInAs, through } from '../support/doors';

const { db, sql, redis } = cartTestClients();
const userIds: string[] = [];
const session = { user: null as SessionUser | null };

const dayLong = Object.fromEntries(
  (Object.keys(rateLimitPolicies) as RateLimitPolicy[]).map((name) => [name, { ...rateLimitPolicies[name], window: '1 d' as const }]),
);
const limiter = createRateLimiter({ redis, prefix: `test-ratelimit:${randomBytes(6).toString('hex')}`, policies: dayLong });
const standIns = () => ({ ...signedInAs(session.user), limiter: () => limiter });
const addRoute = through((await import('@/app/api/cart/items/route')).POST, standIns);
const checkoutRoute = through((await import('@/app/api/checkout/route')).POST, standIns);

let catalogue: Awaited<ReturnType<typeof createFixtureCatalogue>>;
const v = (index: number) => catalogue.variants[index]!;

beforeAll(async () => {
  catalogue = await createFixtureCatalogue(db, 'hoarding', [
    { stock: 55 }, // 0: the sale: 50 real shoppers need 50 units
    { stock: 20 }, // 1: the per-email cap
    { stock: 100, maxPerOrder: 100 }, // 2: cart writes
    { stock: 20 }, // 3: hold lengths
    { stock: 20 }, // 4: IPv6 addresses in one /64
  ]);
});

afterAll(() => closeCheckoutApiClients({ db, sql, redis }, userIds));

/** Opens a guest cart with one unit from `ip`: the cart cookie, or the refusal's status and code. */
async function openCart(variantId: string, ip: string): Promise<{ cookie: string } | { status: number; code: string }> {
  const response = await addRoute(request('POST', '/api/cart/items', { body: { variantId, quantity: 1 }, ip }));
  if (response.status !== 200) return { status: response.status, code: ((await response.json()) as ErrorReply).error.code };
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith('cart_session='));
  return { cookie: cookie!.split(';')[0]! };
}

const checkout = (cookie: string, ip: string, email: string) => checkoutRoute(request('POST', '/api/checkout', { body: checkoutBody({ email }), cookie, ip }));

async function heldBy(emailPattern: string): Promise<number> {
  const [row] = await db
    .select({ units: drizzleSql<number>`coalesce(sum(${inventoryReservations.quantity}), 0)::int` })
    .from(inventoryReservations)
    .innerJoin(orders, eq(orders.id, inventoryReservations.orderId))
    .where(drizzleSql`${orders.email} LIKE ${emailPattern} AND ${inventoryReservations.status} = 'active'`);
  return row!.units;
}

describe('one client address opening 50 guest checkouts', () => {
  it('is refused with 429 after a handful of holds, while 50 shoppers at their own addresses all get their unit', async () => {
    const script = newIp();
    const tag = randomBytes(4).toString('hex');
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 50; attempt += 1) {
      // A fresh cart and a fresh email every time: the only thing the script cannot change is where it comes from.
      const cart = await openCart(v(0).id, script);
      if (!('cookie' in cart)) {
        outcomes.push(`cart ${cart.status} ${cart.code}`);
        continue;
      }
      const response = await checkout(cart.cookie, script, `hoarder-${tag}-${attempt}@example.test`);
      const body = (await response.json()) as CheckoutReply & ErrorReply;
      outcomes.push(response.status === 201 ? 'placed' : `checkout ${response.status} ${body.error.code}`);
      if (response.status === 429) {
        // It is told when a slot frees up: when the earliest of its holds ends, at most one hold (15 minutes) away.
        const wait = Number(response.headers.get('retry-after'));
        expect(wait).toBeGreaterThan(0);
        expect(wait).toBeLessThanOrEqual(HOLD_MINUTES.first * 60);
        expect(body.error.limit).toBe('address');
      }
    }

    const count = (outcome: string) => outcomes.filter((candidate) => candidate === outcome).length;
    expect(count('placed')).toBe(OPEN_ORDER_CAPS.perAddress);
    // Its next checkouts are refused for the open orders it holds; then it cannot even open new carts.
    expect(count('checkout 429 too_many_open_orders')).toBe(rateLimitPolicies.cartSessionsByIp.tokens - OPEN_ORDER_CAPS.perAddress);
    expect(count('cart 429 rate_limited')).toBe(50 - rateLimitPolicies.cartSessionsByIp.tokens);
    expect(outcomes.every((outcome) => outcome === 'placed' || outcome.includes(' 429 '))).toBe(true);
    expect(await heldBy(`hoarder-${tag}-%`)).toBe(OPEN_ORDER_CAPS.perAddress);

    // 50 real shoppers, each at their own address with their own email: every one of them gets a unit.
    const statuses: number[] = [];
    for (let batch = 0; batch < 5; batch += 1) {
      const shoppers = Array.from({ length: 10 }, (_, index) => ({ ip: newIp(), email: `shopper-${tag}-${batch * 10 + index}@example.test` }));
      const results = await Promise.all(
        shoppers.map(async ({ ip, email }) => {
          const cart = await openCart(v(0).id, ip);
          return 'cookie' in cart ? (await checkout(cart.cookie, ip, email)).status : cart.status;
        }),
      );
      statuses.push(...results);
    }
    expect(statuses).toEqual(Array.from({ length: 50 }, () => 201));
    expect(await heldBy(`shopper-${tag}-%`)).toBe(50);
    expect(await variantStock(db, v(0).id)).toMatchObject({ stockOnHand: 55, reserved: 55 });
    // A hundred real checkouts, each with a Paystack call: on two shared cores under a full CI run this needs more than
    // the default 30 s.
  }, 120_000);
});

describe('one email collecting holds from many addresses', () => {
  it('is refused once it has as many unpaid orders as one buyer may keep', async () => {
    const email = `collector-${randomBytes(4).toString('hex')}@example.test`;
    const statuses: number[] = [];
    let refusal: ErrorReply | undefined;
    for (let attempt = 0; attempt <= OPEN_ORDER_CAPS.perEmail; attempt += 1) {
      const ip = newIp();
      const cart = await openCart(v(1).id, ip);
      if (!('cookie' in cart)) throw new Error(`cart refused: ${cart.code}`);
      const response = await checkout(cart.cookie, ip, email);
      statuses.push(response.status);
      if (response.status === 429) refusal = (await response.json()) as ErrorReply;
    }
    expect(statuses).toEqual([...Array.from({ length: OPEN_ORDER_CAPS.perEmail }, () => 201), 429]);
    expect(refusal?.error).toMatchObject({ code: 'too_many_open_orders', limit: 'email' });
    expect(refusal?.error.message).toMatch(/^This email already has orders waiting for payment/);
    expect(await heldBy(email)).toBe(OPEN_ORDER_CAPS.perEmail);
  });
});

describe('a script rotating through the addresses of one IPv6 /64', () => {
  it('is one client address: its checkouts share one open-order cap, and its orders record the /64', async () => {
    // A random /64 under the documentation prefix; every request comes from a different address inside it.
    const prefix = `2001:db8:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;
    const addressIn64 = () => `${prefix}:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}::${randomBytes(2).toString('hex')}`;
    const tag = randomBytes(4).toString('hex');
    const statuses: number[] = [];
    let refusal: ErrorReply | undefined;
    for (let attempt = 0; attempt <= OPEN_ORDER_CAPS.perAddress; attempt += 1) {
      const cart = await openCart(v(4).id, addressIn64());
      if (!('cookie' in cart)) throw new Error(`cart refused: ${cart.code}`);
      const response = await checkout(cart.cookie, addressIn64(), `rotator-${tag}-${attempt}@example.test`);
      statuses.push(response.status);
      if (response.status === 429) refusal = (await response.json()) as ErrorReply;
    }
    expect(statuses).toEqual([...Array.from({ length: OPEN_ORDER_CAPS.perAddress }, () => 201), 429]);
    expect(refusal?.error).toMatchObject({ code: 'too_many_open_orders', limit: 'address' });
    expect(await heldBy(`rotator-${tag}-%`)).toBe(OPEN_ORDER_CAPS.perAddress);
    const stored = await db
      .selectDistinct({ clientAddress: orders.clientAddress })
      .from(orders)
      .where(drizzleSql`${orders.email} LIKE ${`rotator-${tag}-%`}`);
    const canonical = prefix
      .split(':')
      .map((group) => Number.parseInt(group, 16).toString(16))
      .join(':');
    expect(stored).toEqual([{ clientAddress: `${canonical}::/64` }]);
  });
});

describe('cart writes', () => {
  it('are limited per cart (60 a minute), whatever address they come from, then answer 429 with Retry-After', async () => {
    const cart = await openCart(v(2).id, newIp());
    if (!('cookie' in cart)) throw new Error(`cart refused: ${cart.code}`);
    const add = () => addRoute(request('POST', '/api/cart/items', { body: { variantId: v(2).id, quantity: 1 }, cookie: cart.cookie, ip: newIp() }));
    const statuses: number[] = [];
    // The opening add created the cart (counted per address and as a new cart); from then on the cart's own window.
    for (let write = 0; write < rateLimitPolicies.cartWritesByOwner.tokens; write += 1) statuses.push((await add()).status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const limited = await add();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await limited.json()) as ErrorReply).error.code).toBe('rate_limited');
  });
});

describe('hold length', () => {
  async function holdMinutes(orderId: string): Promise<number> {
    const rows = (await db.execute(drizzleSql`
      SELECT extract(epoch FROM r.reserved_until - o.created_at) / 60 AS minutes
      FROM inventory_reservations r JOIN orders o ON o.id = r.order_id WHERE o.id = ${orderId}
    `)) as unknown as Array<{ minutes: string }>;
    return Math.round(Number(rows[0]!.minutes));
  }

  it('is 15 minutes for a first checkout and shorter for a guest who comes back after leaving one unpaid', async () => {
    const ip = newIp();
    const email = `returning-${randomBytes(4).toString('hex')}@example.test`;
    const cart = await openCart(v(3).id, ip);
    if (!('cookie' in cart)) throw new Error(`cart refused: ${cart.code}`);
    const first = (await (await checkout(cart.cookie, ip, email)).json()) as CheckoutReply;
    expect(await holdMinutes(first.orderId)).toBe(HOLD_MINUTES.first);

    // Back with changed details: the first order is cancelled (unpaid) and the new one is held for less.
    const changed = (await (
      await checkoutRoute(request('POST', '/api/checkout', { body: checkoutBody({ email, deliveryOption: 'pickup' }), cookie: cart.cookie, ip }))
    ).json()) as CheckoutReply;
    expect(changed.orderId).not.toBe(first.orderId);
    expect((await db.select({ status: orders.status }).from(orders).where(eq(orders.id, first.orderId)))[0]?.status).toBe('cancelled');
    expect(await holdMinutes(changed.orderId)).toBe(HOLD_MINUTES.returningGuest);

    // A fresh cart, another address, the same email: still the same buyer coming back.
    const elsewhere = newIp();
    const again = await openCart(v(3).id, elsewhere);
    if (!('cookie' in again)) throw new Error(`cart refused: ${again.code}`);
    const third = (await (await checkout(again.cookie, elsewhere, email)).json()) as CheckoutReply;
    expect(await holdMinutes(third.orderId)).toBe(HOLD_MINUTES.returningGuest);
  });

  it('stays 15 minutes for a signed-in customer who changes their checkout', async () => {
    const user = await createFixtureUser(db);
    userIds.push(user.id);
    session.user = { id: user.id, email: user.email, name: user.name, role: 'customer' };
    try {
      const ip = newIp();
      expect((await addRoute(request('POST', '/api/cart/items', { body: { variantId: v(3).id, quantity: 1 }, ip }))).status).toBe(200);
      const first = (await (await checkoutRoute(request('POST', '/api/checkout', { body: checkoutBody({ email: user.email }), ip }))).json()) as CheckoutReply;
      const changed = (await (
        await checkoutRoute(request('POST', '/api/checkout', { body: checkoutBody({ email: user.email, deliveryOption: 'pickup' }), ip }))
      ).json()) as CheckoutReply;
      expect(changed.orderId).not.toBe(first.orderId);
      expect(await holdMinutes(changed.orderId)).toBe(HOLD_MINUTES.first);
    } finally {
      session.user = null;
    }
  });
});
