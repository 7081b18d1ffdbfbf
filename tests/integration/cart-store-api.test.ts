// The Store API route handlers, imported and called with plain Requests against the real Redis and Postgres:
// status codes, error bodies, the guest cookie, the cross-site refusal and the outage answer.
import { randomUUID } from 'node:crypto';
import type { Redis } from '@upstash/redis';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as cartRoute from '@/app/api/cart/route';
import * as itemsRoute from '@/app/api/cart/items/route';
import * as lineRoute from '@/app/api/cart/items/[variantId]/route';
import { cartItems, carts } from '@/db/schema';
import type { CartView } from '@/lib/cart/types';
import { redisKeys } from '@/lib/redis';
import type { SessionUser } from '@/lib/server/deps/door-deps';
import { signedInAs, through } from '../support/doors';
import { cartTestClients, createFixtureCatalogue, createFixtureUser, deleteFixtureUsers } from '../support/cart-fixtures';

// Who is signed in comes from next-auth's session (next/headers), which needs a live Next request: the doors' seam
// stands it in, and lets one test swap the app's Redis client for one whose endpoint is down.
const session = { user: null as null | SessionUser };
const redisOverride = { client: null as Redis | null };
const standIns = () => ({ ...signedInAs(session.user), ...(redisOverride.client ? { redis: () => redisOverride.client as Redis } : {}) });
const getRoute = through(cartRoute.GET, standIns);
const clearRoute = through(cartRoute.DELETE, standIns);
const addRoute = through(itemsRoute.POST, standIns);
const patchRoute = through(lineRoute.PATCH, standIns);
const removeRoute = through(lineRoute.DELETE, standIns);

const { db, sql, redis } = cartTestClients();
const site = process.env.NEXTAUTH_URL!;
let catalogue: Awaited<ReturnType<typeof createFixtureCatalogue>>;
const userIds: string[] = [];
const sessionIds: string[] = [];
const v = (index: number) => catalogue.variants[index]!.id;

function call(method: string, path: string, options: { body?: unknown; rawBody?: string; cookie?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { origin: site, 'sec-fetch-site': 'same-origin', ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] = 'application/json';
  return new Request(new URL(path, site), {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
}
const params = (variantId: string) => ({ params: Promise.resolve({ variantId }) });

/** The cart_session cookie a response set, as a Cookie header value, plus its raw Set-Cookie line. */
function issuedCookie(response: Response) {
  const line = response.headers.getSetCookie().find((header) => header.startsWith('cart_session='));
  if (!line) return null;
  const pair = line.split(';')[0]!;
  sessionIds.push(pair.slice('cart_session='.length));
  return { pair, line };
}

beforeAll(async () => {
  catalogue = await createFixtureCatalogue(db, 'store-api', [
    { stock: 40, maxPerOrder: 5, priceAmount: 123_400 }, // 0
    { stock: 40, priceAmount: 50_000 }, // 1
    { stock: 0 }, // 2: sold out
  ]);
});

beforeEach(() => {
  session.user = null;
  redisOverride.client = null;
});

afterAll(async () => {
  if (sessionIds.length > 0) await redis.del(...sessionIds.map((id) => redisKeys.guestCart(id)));
  await deleteFixtureUsers(db, redis, userIds);
  await catalogue.cleanup();
  await sql.end();
  await (globalThis as { __shopDb?: { sql: { end: () => Promise<void> } } }).__shopDb?.sql.end();
});

describe('guest shopper over HTTP', () => {
  it('GET without a cookie is an empty cart and issues no cookie', async () => {
    const response = await getRoute(call('GET', '/api/cart'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ lines: [], itemCount: 0, subtotal: { amount: 0, currency: 'NGN' }, notices: [] });
    expect(issuedCookie(response)).toBeNull();
  });

  it('the first POST issues an httpOnly SameSite=Lax cookie for 7 days; later calls use it', async () => {
    const first = await addRoute(call('POST', '/api/cart/items', { body: { variantId: v(0), quantity: 2 } }));
    expect(first.status).toBe(200);
    const cookie = issuedCookie(first);
    expect(cookie?.line).toMatch(/HttpOnly/i);
    expect(cookie?.line).toMatch(/SameSite=Lax/i);
    expect(cookie?.line).toMatch(/Path=\//);
    expect(cookie?.line).toMatch(/Max-Age=604800/);
    expect(cookie?.line).not.toMatch(/Secure/i); // not production
    expect(cookie?.pair).toMatch(/^cart_session=[A-Za-z0-9_-]{32}$/);

    const second = await addRoute(call('POST', '/api/cart/items', { body: { variantId: v(1) }, cookie: cookie!.pair }));
    expect(issuedCookie(second)).toBeNull();
    const cart = (await second.json()) as CartView;
    expect(cart.lines.map((line) => [line.variantId, line.quantity])).toEqual(
      expect.arrayContaining([
        [v(0), 2],
        [v(1), 1],
      ]),
    );
    expect(cart.subtotal).toEqual({ amount: 2 * 123_400 + 50_000, currency: 'NGN' });

    const read = await getRoute(call('GET', '/api/cart', { cookie: cookie!.pair }));
    expect(await read.json()).toEqual(cart);
  });

  it('takes prices from the database, never from the request', async () => {
    const response = await addRoute(call('POST', '/api/cart/items', { body: { variantId: v(0), quantity: 1, unitPrice: 1, subtotal: 1 } }));
    issuedCookie(response);
    const cart = (await response.json()) as CartView;
    expect(cart.lines[0]!.unitPrice).toEqual({ amount: 123_400, currency: 'NGN' });
    expect(cart.subtotal.amount).toBe(123_400);
  });

  it('PATCH sets a quantity, clamping to the per-line maximum with a notice; DELETE removes; DELETE /api/cart clears', async () => {
    const added = await addRoute(call('POST', '/api/cart/items', { body: { variantId: v(0) } }));
    const cookie = issuedCookie(added)!.pair;
    await addRoute(call('POST', '/api/cart/items', { body: { variantId: v(1) }, cookie }));

    const patched = await patchRoute(call('PATCH', `/api/cart/items/${v(0)}`, { body: { quantity: 9 }, cookie }), params(v(0)));
    expect(patched.status).toBe(200);
    const cart = (await patched.json()) as CartView;
    expect(cart.lines.find((line) => line.variantId === v(0))?.quantity).toBe(5);
    expect(cart.notices).toEqual([expect.objectContaining({ kind: 'clamped', variantId: v(0), requested: 9, allowed: 5 })]);

    const removed = await removeRoute(call('DELETE', `/api/cart/items/${v(1)}`, { cookie }), params(v(1)));
    expect(((await removed.json()) as CartView).lines.map((line) => line.variantId)).toEqual([v(0)]);

    const cleared = await clearRoute(call('DELETE', '/api/cart', { cookie }));
    expect(cleared.status).toBe(200);
    expect(((await cleared.json()) as CartView).itemCount).toBe(0);
    expect(((await (await getRoute(call('GET', '/api/cart', { cookie }))).json()) as CartView).itemCount).toBe(0);
  });
});

describe('a native form post (an Add to cart clicked before the page hydrated)', () => {
  const formPost = (fields: Record<string, string>, headers: Record<string, string> = {}, cookie?: string) =>
    new Request(new URL('/api/cart/items', site), {
      method: 'POST',
      headers: {
        origin: site,
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/x-www-form-urlencoded',
        ...(cookie ? { cookie } : {}),
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
    });

  it('adds the item, sets the guest cookie and answers 303 to the cart page', async () => {
    const response = await addRoute(formPost({ variantId: v(1), quantity: '3' }));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/cart');
    const cookie = issuedCookie(response)!.pair;
    const cart = (await (await getRoute(call('GET', '/api/cart', { cookie }))).json()) as CartView;
    expect(cart.lines.map((line) => [line.variantId, line.quantity])).toEqual([[v(1), 3]]);
  });

  it('a refusal is a 303 to the cart page saying why, and changes nothing', async () => {
    const added = await addRoute(formPost({ variantId: v(1) }));
    const cookie = issuedCookie(added)!.pair;
    const cases: Array<[Record<string, string>, Record<string, string>, string]> = [
      [{ variantId: v(1), quantity: '0' }, {}, 'invalid_input'],
      [{ variantId: v(1), quantity: 'two' }, {}, 'invalid_input'],
      [{ variantId: v(2) }, {}, 'out_of_stock'],
      [{ variantId: v(1) }, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, 'cross_site_request'],
    ];
    for (const [fields, headers, code] of cases) {
      const response = await addRoute(formPost(fields, headers, cookie));
      expect(response.status, code).toBe(303);
      expect(response.headers.get('location')).toBe(`/cart?problem=${code}`);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    const cart = (await (await getRoute(call('GET', '/api/cart', { cookie }))).json()) as CartView;
    expect(cart.lines.map((line) => [line.variantId, line.quantity])).toEqual([[v(1), 1]]);
  });
});

describe('honest status codes', () => {
  const expectError = async (response: Response, status: number, code: string) => {
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toMatch(/at .+\.(ts|js):\d+/); // no stack frames
    expect(issuedCookie(response)).toBeNull();
  };

  it('400 for a body that is not JSON, a bad quantity or a bad variant id', async () => {
    await expectError(await addRoute(call('POST', '/api/cart/items', { rawBody: '{"variantId":' })), 400, 'invalid_input');
    await expectError(await addRoute(call('POST', '/api/cart/items', { body: { variantId: v(0), quantity: 0 } })), 400, 'invalid_input');
    await expectError(await addRoute(call('POST', '/api/cart/items', { body: { variantId: 'abc' } })), 400, 'invalid_input');
    await expectError(await patchRoute(call('PATCH', '/api/cart/items/abc', { body: { quantity: 1 } }), params('abc')), 400, 'invalid_input');
  });

  it('404 for a variant the shop does not sell, and for a line not in the cart', async () => {
    await expectError(await addRoute(call('POST', '/api/cart/items', { body: { variantId: randomUUID() } })), 404, 'variant_not_found');
    await expectError(await patchRoute(call('PATCH', `/api/cart/items/${v(1)}`, { body: { quantity: 2 } }), params(v(1))), 404, 'line_not_found');
  });

  it('409 for a sold-out variant', async () => {
    await expectError(await addRoute(call('POST', '/api/cart/items', { body: { variantId: v(2) } })), 409, 'out_of_stock');
  });

  it('403 for a cross-site request that would change the cart, which stays as it was', async () => {
    const added = await addRoute(call('POST', '/api/cart/items', { body: { variantId: v(1), quantity: 1 } }));
    const cookie = issuedCookie(added)!.pair;
    const evil = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };

    await expectError(await addRoute(call('POST', '/api/cart/items', { body: { variantId: v(1) }, cookie, headers: evil })), 403, 'cross_site_request');
    await expectError(await clearRoute(call('DELETE', '/api/cart', { cookie, headers: evil })), 403, 'cross_site_request');
    await expectError(await removeRoute(call('DELETE', `/api/cart/items/${v(1)}`, { cookie, headers: evil }), params(v(1))), 403, 'cross_site_request');
    await expectError(
      await patchRoute(call('PATCH', `/api/cart/items/${v(1)}`, { body: { quantity: 3 }, cookie, headers: { origin: 'https://evil.example' } }), params(v(1))),
      403,
      'cross_site_request',
    );

    const cart = (await (await getRoute(call('GET', '/api/cart', { cookie }))).json()) as CartView;
    expect(cart.lines.map((line) => [line.variantId, line.quantity])).toEqual([[v(1), 1]]);
  });

  it('a headless client without Origin or fetch metadata may use the API', async () => {
    const request = new Request(new URL('/api/cart/items', site), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variantId: v(1) }),
    });
    const response = await addRoute(request);
    expect(response.status).toBe(200);
    expect(issuedCookie(response)).not.toBeNull();
  });

  it('503 cart_unavailable when Redis does not answer', async () => {
    const { Redis } = await import('@upstash/redis');
    redisOverride.client = new Redis({ url: 'http://127.0.0.1:9', token: 'x', retry: false });
    await expectError(await getRoute(call('GET', '/api/cart', { cookie: `cart_session=${'a'.repeat(32)}` })), 503, 'cart_unavailable');
    await expectError(await addRoute(call('POST', '/api/cart/items', { body: { variantId: v(1) } })), 503, 'cart_unavailable');
  });
});

describe('signed-in shopper over HTTP', () => {
  it('writes to the user cart (Redis and Postgres) and issues no guest cookie', async () => {
    const user = await createFixtureUser(db);
    userIds.push(user.id);
    session.user = { id: user.id, email: user.email, name: user.name, role: 'customer' };

    const response = await addRoute(call('POST', '/api/cart/items', { body: { variantId: v(1), quantity: 3 } }));
    expect(response.status).toBe(200);
    expect(issuedCookie(response)).toBeNull();
    expect(await redis.hget(redisKeys.userCart(user.id), v(1))).toBe(3);
    const rows = await db
      .select({ quantity: cartItems.quantity })
      .from(cartItems)
      .innerJoin(carts, eq(carts.id, cartItems.cartId))
      .where(eq(carts.userId, user.id));
    expect(rows).toEqual([{ quantity: 3 }]);
  });
});
