// The credentials sign-in as next-auth runs it (authorize + JWT/session callbacks) against the real PostgreSQL and
// Redis: roles from the database, generic failures, the per-account limit, and the guest-cart merge on sign-in.
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { Redis } from '@upstash/redis';
import { and, eq, gte, inArray, isNull, sql as dsql } from 'drizzle-orm';
import type { JWT } from 'next-auth/jwt';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { auditLogs, carts, productVariants, users } from '@/db/schema';
import { registerUser } from '@/lib/auth/register-user';
import { addToCart } from '@/lib/cart/add-to-cart';
import { mergeGuestCartIntoUserCart } from '@/lib/cart/merge-carts';
import { loadUserCartQuantities } from '@/lib/cart/cart-postgres';
import { redis, redisKeys } from '@/lib/redis';
import { authOptions, authorizeCredentials } from '@/lib/server/auth-options';
import { newCartSessionId } from '@/lib/server/cart-session';
import { createRateLimiter } from '@/lib/server/rate-limit';
import { testDatabase } from '../support/db';

// Pass-through, so one test can make the merge fail the way a Redis or Postgres outage would.
vi.mock('@/lib/cart/merge-carts', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/cart/merge-carts')>();
  return { ...real, mergeGuestCartIntoUserCart: vi.fn(real.mergeGuestCartIntoUserCart) };
});

const { db, sql } = testDatabase();
const created: string[] = [];
afterAll(async () => {
  await db.delete(users).where(inArray(users.email, created));
  await sql.end();
  const keys = await redis().keys(`${limitsPrefix}:*`);
  if (keys.length > 0) await redis().del(...keys);
});

/** A fresh customer, and request headers from an address of its own so per-IP windows never collide. */
async function newCustomer(label: string) {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.test`;
  created.push(email);
  const result = await registerUser({ db }, { email, name: `Test ${label}`, password: 'Lagos-Market-42' });
  if (!result.ok) throw new Error(`could not register ${email}`);
  return { ...result.value, password: 'Lagos-Market-42', headers: { 'x-forwarded-for': `test-${randomUUID()}` } };
}

const deps = () => ({ db, redis: redis() });

// The app's limiter with small limits (3 per account, 5 per address) under a per-run prefix, so the limit tests
// are quick and never touch the real windows; the app's own numbers are exercised by the e2e spec. A day-long window
// because a sliding window weighs the previous window down: attempts straddling a boundary would undercount.
const limitsPrefix = `ratelimit-test:${randomUUID()}`;
const smallLimits = createRateLimiter({
  redis: redis(),
  prefix: limitsPrefix,
  policies: { signInByEmail: { tokens: 3, window: '1 d' }, signInByIp: { tokens: 5, window: '1 d' } },
});

/** Variants with room for a few units, so no clamp interferes with the sums. */
async function variantIds(count: number) {
  const rows = await db
    .select({ id: productVariants.id })
    .from(productVariants)
    .where(and(isNull(productVariants.archivedAt), gte(dsql`${productVariants.stockOnHand} - ${productVariants.reserved}`, 5)))
    .orderBy(dsql`random()`)
    .limit(count);
  return rows.map((row) => row.id);
}

describe('authorizeCredentials', () => {
  it('returns the user with the role stored in the database, never one sent with the credentials', async () => {
    const customer = await newCustomer('role');
    const user = await authorizeCredentials({ email: customer.email.toUpperCase(), password: customer.password, role: 'admin' }, customer.headers);
    expect(user).toEqual({ id: customer.id, email: customer.email, name: customer.name, role: 'customer' });

    const admin = await authorizeCredentials({ email: 'admin@shop.test', password: 'Admin#Shop2026' }, customer.headers);
    expect(admin).toMatchObject({ email: 'admin@shop.test', role: 'admin' });
  });

  it('answers null (the one generic failure) for a wrong password, an unknown email and a malformed email', async () => {
    const customer = await newCustomer('wrong');
    expect(await authorizeCredentials({ email: customer.email, password: 'Nope-Nope-1' }, customer.headers)).toBeNull();
    expect(await authorizeCredentials({ email: `ghost-${randomUUID()}@example.test`, password: 'x' }, customer.headers)).toBeNull();
    expect(await authorizeCredentials({ email: 'not an email', password: 'x' }, customer.headers)).toBeNull();
  });

  it('refuses an account after its failed attempts run out, even with the right password, while other accounts still sign in', async () => {
    const target = await newCustomer('target');
    for (let i = 0; i < 3; i += 1) {
      // Each guess from a different address: the per-account limit must hold regardless.
      const headers = { 'x-forwarded-for': `guess-${randomUUID()}` };
      expect(await authorizeCredentials({ email: target.email, password: `guess-${i}` }, headers, smallLimits)).toBeNull();
    }
    await expect(authorizeCredentials({ email: target.email, password: target.password }, target.headers, smallLimits)).rejects.toThrow('RateLimited');

    const bystander = await newCustomer('bystander');
    const signedIn = await authorizeCredentials({ email: bystander.email, password: bystander.password }, bystander.headers, smallLimits);
    expect(signedIn).toMatchObject({ id: bystander.id });
  });

  it('refuses an address after its failed attempts run out, whichever accounts it tries', async () => {
    const headers = { 'x-forwarded-for': `sprayer-${randomUUID()}` };
    for (let i = 0; i < 5; i += 1) {
      expect(await authorizeCredentials({ email: `spray-${i}-${randomUUID()}@example.test`, password: 'x' }, headers, smallLimits)).toBeNull();
    }
    const victim = await newCustomer('sprayed');
    await expect(authorizeCredentials({ email: victim.email, password: victim.password }, headers, smallLimits)).rejects.toThrow('RateLimited');
  });

  it('fails closed: with Redis unreachable nobody signs in, and the error says sign-in is unavailable', async () => {
    const customer = await newCustomer('outage');
    const down = createRateLimiter({ redis: new Redis({ url: `http://127.0.0.1:${await closedPort()}`, token: 'x', retry: false }) });
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const started = performance.now();
    await expect(authorizeCredentials({ email: customer.email, password: customer.password }, customer.headers, down)).rejects.toThrow('SignInUnavailable');
    expect(performance.now() - started).toBeLessThan(1_500);
    quiet.mockRestore();
  });

  it('does not count successful sign-ins against the limits', async () => {
    const regular = await newCustomer('regular');
    for (let i = 0; i < 6; i += 1) {
      const user = await authorizeCredentials({ email: regular.email, password: regular.password }, regular.headers, smallLimits);
      expect(user).toMatchObject({ id: regular.id });
    }
  });
});

describe('guest cart merge on sign-in', () => {
  it('adds the guest quantities to the account cart once, even when the same sign-in arrives three times at once', async () => {
    const customer = await newCustomer('merge');
    const [shirt, other] = await variantIds(2);
    expect((await addToCart(deps(), { kind: 'user', userId: customer.id }, { variantId: shirt!, quantity: 1 })).ok).toBe(true);
    const sessionId = newCartSessionId();
    const guest = { kind: 'guest' as const, sessionId };
    expect((await addToCart(deps(), guest, { variantId: shirt!, quantity: 2 })).ok).toBe(true);
    expect((await addToCart(deps(), guest, { variantId: other!, quantity: 1 })).ok).toBe(true);

    const headers = { ...customer.headers, cookie: `next-auth.csrf-token=x; cart_session=${sessionId}` };
    const results = await Promise.all(Array.from({ length: 3 }, () => authorizeCredentials({ email: customer.email, password: customer.password }, headers)));

    expect(results.every((user) => user?.id === customer.id)).toBe(true);
    expect(await loadUserCartQuantities(db, customer.id)).toEqual({ [shirt!]: 3, [other!]: 1 });
    expect(await redis().exists(redisKeys.guestCart(sessionId))).toBe(0);
    const [cart] = await db.select({ id: carts.id }).from(carts).where(eq(carts.userId, customer.id));
    const audit = await db
      .select({ actorId: auditLogs.actorId })
      .from(auditLogs)
      .where(and(eq(auditLogs.entityType, 'cart'), eq(auditLogs.entityId, cart!.id), eq(auditLogs.action, 'cart.merged')));
    expect(audit).toEqual([{ actorId: customer.id }]);

    // A retried sign-in with the old cookie finds nothing left to merge.
    await authorizeCredentials({ email: customer.email, password: customer.password }, headers);
    expect(await loadUserCartQuantities(db, customer.id)).toEqual({ [shirt!]: 3, [other!]: 1 });
  });

  it('still signs the user in when the merge fails, leaving the guest cart for the next sign-in', async () => {
    const customer = await newCustomer('merge-fails');
    const [shirt] = await variantIds(1);
    const sessionId = newCartSessionId();
    expect((await addToCart(deps(), { kind: 'guest', sessionId }, { variantId: shirt!, quantity: 2 })).ok).toBe(true);
    vi.mocked(mergeGuestCartIntoUserCart).mockRejectedValueOnce(new Error('simulated outage'));
    const headers = { ...customer.headers, cookie: `cart_session=${sessionId}` };
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});

    const user = await authorizeCredentials({ email: customer.email, password: customer.password }, headers);

    expect(user).toMatchObject({ id: customer.id });
    expect(quiet).toHaveBeenCalled();
    quiet.mockRestore();
    expect(await redis().hgetall(redisKeys.guestCart(sessionId))).toEqual({ [shirt!]: 2 });
    await authorizeCredentials({ email: customer.email, password: customer.password }, headers);
    expect(await loadUserCartQuantities(db, customer.id)).toEqual({ [shirt!]: 2 });
  });
});

describe('session callbacks', () => {
  const jwt = authOptions.callbacks!.jwt!;
  const session = authOptions.callbacks!.session!;

  it('keeps the role sign-in wrote when the client asks for a session update', async () => {
    const token: JWT = { id: 'u-1', role: 'customer', email: 'c@example.test', name: 'C' };
    const updated = await jwt({ token, trigger: 'update', session: { user: { role: 'admin' } }, account: null, user: undefined as never });
    expect(updated).toMatchObject({ id: 'u-1', role: 'customer' });
  });

  it('exposes id and role on the session, and no user for a token without them', async () => {
    const withUser = await session({ session: { expires: '' }, token: { id: 'u-1', role: 'admin', email: 'a@example.test', name: 'A' } } as never);
    expect(withUser.user).toEqual({ id: 'u-1', role: 'admin', email: 'a@example.test', name: 'A' });
    const without = await session({ session: { expires: '', user: { name: 'x' } }, token: { email: 'x@example.test' } } as never);
    expect(without.user).toBeUndefined();
  });
});

describe('redirect callback', () => {
  const redirect = authOptions.callbacks!.redirect!;
  const baseUrl = 'http://127.0.0.1:3100';
  it.each([
    ['/account', `${baseUrl}/account`],
    [`${baseUrl}/cart?x=1`, `${baseUrl}/cart?x=1`],
    ['https://evil.example/steal', `${baseUrl}/`],
    ['//evil.example', `${baseUrl}/`],
  ])('%s → %s', async (url, expected) => {
    expect(await redirect({ url, baseUrl })).toBe(expected);
  });
});

/** A port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
