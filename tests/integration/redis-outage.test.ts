// Fault: Redis goes away and comes back. This file runs its OWN redis-server and Upstash bridge (the same code the
// stack uses) so it can really stop and restart Redis without touching the Redis other test files share; the app's
// code reaches it through the doors' seam (redis + limiter), exactly as it reaches the stack's Redis in production.
//
// The promise: while Redis is down checkout answers 503 with Retry-After and holds nothing, sign-in fails closed, the
// catalogue (PostgreSQL only) still answers; when Redis is back, the same process serves checkouts and sign-ins again
// without a restart, and the cart filled before the outage is still there.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from '@upstash/redis';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { availabilityBySlug, getProductBySlug } from '@/db/queries/catalog';
import { orders } from '@/db/schema';
import { createSignInDelay } from '@/lib/auth/sign-in-delay';
import { authorizeCredentials } from '@/lib/server/doors/auth-options';
import { createRateLimiter } from '@/lib/server/doors/rate-limit';
import { startRedisServer } from '../../scripts/stack/redis';
import { startUpstashBridge } from '../../scripts/stack/upstash-bridge';
import { verifiedCustomer } from '../support/accounts';
import { cartTestClients, createFixtureCatalogue } from '../support/cart-fixtures';
import { variantStock } from '../support/catalog-fixtures';
import { checkoutBody, guestWithCart, request } from '../support/checkout-api-fixtures';
import { closedPort } from '../support/closed-port';
import { signedInAs, through } from '../support/doors';
import { waitFor } from '../support/wait';

const { db, sql } = cartTestClients();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'redis-outage-'));
const token = `outage-${randomUUID()}`;
let redisPort: number;
let server: Awaited<ReturnType<typeof startRedisServer>>;
let bridge: Awaited<ReturnType<typeof startUpstashBridge>>;
let ownRedis: Redis;
let limiter: ReturnType<typeof createRateLimiter>;

const standIns = () => ({ ...signedInAs(null), redis: () => ownRedis, limiter: () => limiter });
const addRoute = through((await import('@/app/api/cart/items/route')).POST, standIns);
const checkoutRoute = through((await import('@/app/api/checkout/route')).POST, standIns);

const startRedis = () => startRedisServer({ port: redisPort, dataDir, log: () => {} });
const signInGuards = () => ({ limiter, delay: createSignInDelay({ redis: ownRedis, prefix: `outage-delay:${token}` }) });
const ordersFor = (email: string) => db.$count(orders, eq(orders.email, email.toLowerCase()));

beforeAll(async () => {
  redisPort = await closedPort();
  server = await startRedis();
  bridge = await startUpstashBridge({ port: await closedPort(), redisUrl: server.url, token, log: () => {} });
  // Configured as the app's own client is (lib/redis.ts): one quick retry, then the caller hears of the failure.
  ownRedis = new Redis({ url: bridge.url, token, retry: { retries: 1, backoff: () => 50 } });
  limiter = createRateLimiter({ redis: ownRedis, prefix: `outage:${token}` });
});

afterAll(async () => {
  await bridge?.stop();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  await sql.end();
});

describe('Redis stopped, then started again', () => {
  it('refuses checkout with 503 + Retry-After holding nothing, fails sign-in closed, keeps the catalogue; all works again after', async () => {
    const catalogue = await createFixtureCatalogue(db, 'redis-outage', [{ stock: 5, priceAmount: 250_000 }]);
    const variant = catalogue.variants[0]!;
    const customer = { email: `outage-${randomUUID()}@example.test`, name: 'Ada Outage', password: 'Outage#Pass2026' };
    await verifiedCustomer(db, customer);
    const cookie = await guestWithCart(addRoute, [{ variantId: variant.id, quantity: 2 }]);
    const body = checkoutBody();

    await server.stop(); // a real redis-server process exits
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const refused = await checkoutRoute(request('POST', '/api/checkout', { body, cookie }));
      expect(refused.status).toBe(503);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const reply = (await refused.json()) as { error: { code: string; message: string } };
      expect(reply.error.message).not.toMatch(/redis|fetch|ECONNREFUSED/i); // the shopper is told to retry, not why
      expect(await ordersFor(body.email)).toBe(0);
      expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 5, reserved: 0 });

      await expect(
        authorizeCredentials({ email: customer.email, password: customer.password }, { 'x-forwarded-for': '203.0.113.7' }, signInGuards()),
      ).rejects.toThrow('SignInUnavailable');

      // What the catalogue pages read lives in PostgreSQL: it still answers, with the live availability.
      expect((await getProductBySlug(db, catalogue.product.slug))?.title).toBe(catalogue.product.title);
      expect(await availabilityBySlug(db, [catalogue.product.slug])).toEqual({ [catalogue.product.slug]: 5 });
    } finally {
      quiet.mockRestore();
    }

    server = await startRedis(); // same port and data: the bridge and the app's client reconnect by themselves
    await waitFor('Redis to answer through the bridge again', async () => ((await ownRedis.ping().catch(() => null)) === 'PONG' ? true : undefined), 10_000);

    const placed = await checkoutRoute(request('POST', '/api/checkout', { body, cookie }));
    expect(placed.status).toBe(201); // the cart filled before the outage survived it (append-only file)
    expect(await ordersFor(body.email)).toBe(1);
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 5, reserved: 2 });
    const user = await authorizeCredentials({ email: customer.email, password: customer.password }, { 'x-forwarded-for': '203.0.113.7' }, signInGuards());
    expect(user).toMatchObject({ email: customer.email });
  });
});
