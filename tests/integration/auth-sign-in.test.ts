// The credentials sign-in as next-auth runs it (authorize + JWT/session callbacks) against the real PostgreSQL and
// Redis: roles from the database, generic failures, unverified accounts, the delay per account × address and the
// ceilings, and the guest-cart merge on sign-in.
import { randomUUID } from 'node:crypto';
import { Redis } from '@upstash/redis';
import { and, eq, gte, inArray, isNull, sql as dsql } from 'drizzle-orm';
import type { JWT } from 'next-auth/jwt';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { auditLogs, carts, productVariants, users } from '@/db/schema';
import { AUTH_EMAIL_WINDOW_MS } from '@/lib/auth/auth-tokens';
import { registerUser } from '@/lib/auth/register-user';
import { provesWork, solveChallenge } from '@/lib/auth/challenge-proof';
import { createSignInChallenges } from '@/lib/auth/sign-in-challenge';
import { createSignInDelay } from '@/lib/auth/sign-in-delay';
import { challengeFromCode } from '@/lib/auth/sign-in-errors';
import { addToCart } from '@/lib/cart/add-to-cart';
import { mergeGuestCartIntoUserCart } from '@/lib/cart/merge-carts';
import { loadUserCartQuantities } from '@/lib/cart/cart-postgres';
import { redis, redisKeys } from '@/lib/redis';
import { authOptions, authorizeCredentials, type SignInGuards } from '@/lib/server/doors/auth-options';
import { newCartSessionId } from '@/lib/server/doors/cart-session';
import { createRateLimiter } from '@/lib/server/doors/rate-limit';
import { accountLinkJobs, testSiteSecret, verifiedCustomer } from '../support/accounts';
import { testDatabase } from '../support/db';
import { waitFor } from '../support/wait';
import { closedPort } from '../support/closed-port';

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
  const keys = await redis().keys(`${limitsPrefix}*`);
  if (keys.length > 0) await redis().del(...keys);
});

/** A fresh, verified customer, and request headers from an address of its own so per-IP windows never collide. */
async function newCustomer(label: string) {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.test`;
  created.push(email);
  const user = await verifiedCustomer(db, { email, name: `Test ${label}`, password: 'Lagos-Market-42' });
  return { ...user, password: 'Lagos-Market-42', headers: { 'x-forwarded-for': `test-${randomUUID()}` } };
}

const deps = () => ({ db, redis: redis() });
const fromAddress = (address: string) => ({ 'x-forwarded-for': address });

// The app's guards with small numbers under a per-run prefix, so the tests are quick and never touch the real windows:
// 3 free attempts per account × address then 2 s, 4 s, 8 s … (capped at a minute), a ceiling of 8 per account and 12 per
// address. The delay runs on a clock the test moves instead of waiting; the ceilings on day-long windows, because a
// sliding window weighs the previous window down and attempts straddling a boundary would undercount.
const limitsPrefix = `ratelimit-test:${randomUUID()}`;
const smallLimits = createRateLimiter({
  redis: redis(),
  prefix: limitsPrefix,
  policies: { signInByEmail: { tokens: 8, window: '1 d' }, signInByIp: { tokens: 12, window: '1 d' } },
});
function smallGuards(): SignInGuards & { clock: { now: number } } {
  const clock = { now: Date.now() };
  const delay = createSignInDelay({
    redis: redis(),
    prefix: `${limitsPrefix}:delay`,
    now: () => clock.now,
    policy: { freeAttempts: 3, maxDelaySeconds: 60, memorySeconds: 3_600 },
  });
  // 8-bit challenges: a few hundred hashes, so solving them costs the test nothing while exercising the real check.
  const challenges = createSignInChallenges({
    redis: redis(),
    secret: testSiteSecret(),
    prefix: `${limitsPrefix}:challenge`,
    now: () => clock.now,
    policy: { bits: 8, ttlMs: 5 * 60_000 },
  });
  return { limiter: smallLimits, delay, challenges, clock, now: () => clock.now };
}

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
  it('returns the user with the role and session version stored in the database, never ones sent with the credentials', async () => {
    const customer = await newCustomer('role');
    const user = await authorizeCredentials(
      { email: customer.email.toUpperCase(), password: customer.password, role: 'admin', sessionVersion: '99' },
      customer.headers,
    );
    expect(user).toEqual({
      id: customer.id,
      email: customer.email,
      name: customer.name,
      role: 'customer',
      sessionVersion: 0,
      sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      signedInAt: expect.any(Number),
    });

    const admin = await authorizeCredentials({ email: 'admin@shop.test', password: 'Admin#Shop2026' }, customer.headers);
    expect(admin).toMatchObject({ email: 'admin@shop.test', role: 'admin' });
  });

  it('answers null (the one generic failure) for a wrong password, an unknown email and a malformed email', async () => {
    const customer = await newCustomer('wrong');
    expect(await authorizeCredentials({ email: customer.email, password: 'Nope-Nope-1' }, customer.headers)).toBeNull();
    expect(await authorizeCredentials({ email: `ghost-${randomUUID()}@example.test`, password: 'x' }, customer.headers)).toBeNull();
    expect(await authorizeCredentials({ email: 'not an email', password: 'x' }, customer.headers)).toBeNull();
  });

  it('answers an unverified account’s right password exactly like a wrong one, and emails its owner a fresh verify link', async () => {
    const email = `unverified-${randomUUID().slice(0, 8)}@example.test`;
    created.push(email);
    // Start well inside a 5-minute email window, so registration and the first sign-ins share it.
    await waitFor('a fresh email window', () => (Date.now() % AUTH_EMAIL_WINDOW_MS < AUTH_EMAIL_WINDOW_MS - 20_000 ? true : undefined), 25_000);
    expect((await registerUser({ db, secret: testSiteSecret() }, { email, name: 'Not Yet', password: 'Lagos-Market-42' })).ok).toBe(true);
    const guards = smallGuards();
    const headers = fromAddress(`unverified-${randomUUID()}`);
    const verifyJobs = async () => (await accountLinkJobs(db, email)).filter((job) => job.event === 'account/verify-email');

    expect(await authorizeCredentials({ email, password: 'Lagos-Market-42' }, headers, guards)).toBeNull();
    expect(await authorizeCredentials({ email, password: 'Wrong-Pass-42' }, headers, guards)).toBeNull();
    expect(await authorizeCredentials({ email, password: 'Lagos-Market-42' }, headers, guards)).toBeNull();
    // All three counted alike: the next one from this address waits, whichever password it brings.
    await expect(authorizeCredentials({ email, password: 'Lagos-Market-42' }, headers, guards)).rejects.toThrow(/^TooManyAttempts:2$/);
    // The registration's link went out moments ago: no second one within the same window.
    expect(await verifyJobs()).toHaveLength(1);

    // Once the window has passed (its jobs made to look older), the right password asks for a fresh link.
    await db.execute(dsql`UPDATE outbox SET dedupe_key = dedupe_key || ':earlier' WHERE event = 'account/verify-email' AND payload->>'tokenId' IN (
      SELECT t.id::text FROM auth_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = ${email})`);
    guards.clock.now += 2_000;
    expect(await authorizeCredentials({ email, password: 'Wrong-Pass-42' }, headers, guards)).toBeNull();
    expect(await verifyJobs()).toHaveLength(1);
    guards.clock.now += 4_000;
    expect(await authorizeCredentials({ email, password: 'Lagos-Market-42' }, headers, guards)).toBeNull();
    expect(await verifyJobs()).toHaveLength(2);
  });

  it('slows the owner’s own address down exponentially instead of locking them out: after each wait the right password works', async () => {
    const owner = await newCustomer('slowed');
    const guards = smallGuards();
    const attempt = (password: string) => authorizeCredentials({ email: owner.email, password }, owner.headers, guards);

    for (let i = 0; i < 3; i += 1) expect(await attempt(`typo-${i}`)).toBeNull();
    // Three free attempts spent: now each further one waits twice as long as the one before.
    await expect(attempt(owner.password)).rejects.toThrow(/^TooManyAttempts:2$/);
    guards.clock.now += 2_000;
    expect(await attempt('typo-3')).toBeNull();
    await expect(attempt(owner.password)).rejects.toThrow(/^TooManyAttempts:4$/);
    guards.clock.now += 4_000;
    expect(await attempt('typo-4')).toBeNull();
    await expect(attempt(owner.password)).rejects.toThrow(/^TooManyAttempts:8$/);
    guards.clock.now += 8_000;
    // Waiting is all it takes: the right password gets in, and the count starts again.
    expect(await attempt(owner.password)).toMatchObject({ id: owner.id });
    for (let i = 0; i < 3; i += 1) expect(await attempt(`again-${i}`)).toBeNull();
  });

  it('does not count attempts refused for waiting: hammering during a wait neither lengthens it nor uses up the account’s ceiling', async () => {
    const owner = await newCustomer('hammered');
    const guards = smallGuards();
    const guesser = fromAddress(`hammer-${randomUUID()}`);
    for (let i = 0; i < 3; i += 1) expect(await authorizeCredentials({ email: owner.email, password: `guess-${i}` }, guesser, guards)).toBeNull();
    for (let i = 0; i < 20; i += 1) {
      await expect(authorizeCredentials({ email: owner.email, password: `spam-${i}` }, guesser, guards)).rejects.toThrow(/^TooManyAttempts:2$/);
    }
    // 3 of the account's 8 used: the owner, from their own address, signs in at once.
    expect(await authorizeCredentials({ email: owner.email, password: owner.password }, owner.headers, guards)).toMatchObject({ id: owner.id });
  });

  it('lets a different address try while one waits; past the account’s window every attempt must solve a challenge, and the owner who solves it gets in', async () => {
    const target = await newCustomer('target');
    const guards = smallGuards();
    const first = fromAddress(`guess-a-${randomUUID()}`);
    for (let i = 0; i < 3; i += 1) expect(await authorizeCredentials({ email: target.email, password: `guess-a${i}` }, first, guards)).toBeNull();
    await expect(authorizeCredentials({ email: target.email, password: 'guess-a3' }, first, guards)).rejects.toThrow(/^TooManyAttempts:/);

    // Another address is not held back by the first one's delay …
    const second = fromAddress(`guess-b-${randomUUID()}`);
    for (let i = 0; i < 3; i += 1) expect(await authorizeCredentials({ email: target.email, password: `guess-b${i}` }, second, guards)).toBeNull();
    // … and guesses spread over addresses fill the account's window (8), tagged spellings of its mailbox included.
    const [local, domain] = target.email.split('@');
    for (let i = 0; i < 2; i += 1) {
      const tagged = `${local}+tag${i}@${domain}`;
      expect(await authorizeCredentials({ email: tagged, password: `guess-c${i}` }, fromAddress(`guess-c-${randomUUID()}`), guards)).toBeNull();
    }

    // From now on an attempt without a solved challenge is answered with a challenge; the password is not looked at.
    const attempt = (extra: Record<string, string>, headers = fromAddress(`owner-${randomUUID()}`)) =>
      authorizeCredentials({ email: target.email, password: target.password, ...extra }, headers, guards);
    const challengeOf = async (refused: Promise<unknown>) => {
      const error = await refused.then(
        () => null,
        (thrown: Error) => thrown,
      );
      expect(error?.message).toMatch(/^ChallengeRequired:/);
      return challengeFromCode(error!.message)!;
    };
    const challenge = await challengeOf(attempt({}));

    // A wrong solution, a forged or altered challenge, another account's challenge, an easier one: refused alike.
    let wrong = 0;
    // A counter that happens not to solve it.
    while (await provesWork(challenge, String(wrong))) wrong += 1;
    await challengeOf(attempt({ challenge, solution: String(wrong) }));
    const solution = (await solveChallenge(challenge))!;
    await challengeOf(attempt({ challenge: `${challenge.slice(0, -2)}xx`, solution }));
    await challengeOf(attempt({ challenge: challenge.replace(/^8\./, '1.'), solution: '0' }));
    const bystander = await newCustomer('bystander');
    const othersChallenge = guards.challenges.issue(bystander.email);
    await challengeOf(attempt({ challenge: othersChallenge, solution: (await solveChallenge(othersChallenge))! }));

    // The owner's browser solves it: signed in. A guesser who solves one pays for one guess, which counts as a failure.
    expect(await attempt({ challenge, solution }, target.headers)).toMatchObject({ id: target.id });
    // Spent: the same solution cannot pay for a second attempt.
    await challengeOf(attempt({ challenge, solution }));
    const paid = await challengeOf(attempt({}));
    expect(await attempt({ challenge: paid, solution: (await solveChallenge(paid))!, password: 'guess-d' })).toBeNull();
    // An unspent challenge expires with its time.
    const late = await challengeOf(attempt({}));
    const lateSolution = (await solveChallenge(late))!;
    guards.clock.now += 5 * 60_000 + 1;
    await challengeOf(attempt({ challenge: late, solution: lateSolution }));

    // Other accounts are untouched.
    const signedIn = await authorizeCredentials({ email: bystander.email, password: bystander.password }, bystander.headers, guards);
    expect(signedIn).toMatchObject({ id: bystander.id });
  });

  it('refuses an address after its failed attempts run out, whichever accounts it tries', async () => {
    const guards = smallGuards();
    const headers = fromAddress(`sprayer-${randomUUID()}`);
    for (let i = 0; i < 12; i += 1) {
      expect(await authorizeCredentials({ email: `spray-${i}-${randomUUID()}@example.test`, password: 'x' }, headers, guards)).toBeNull();
    }
    const victim = await newCustomer('sprayed');
    await expect(authorizeCredentials({ email: victim.email, password: victim.password }, headers, guards)).rejects.toThrow('RateLimited');
  });

  it('fails closed: with Redis unreachable nobody signs in, and the error says sign-in is unavailable', async () => {
    const customer = await newCustomer('outage');
    const unreachable = new Redis({ url: `http://127.0.0.1:${await closedPort()}`, token: 'x', retry: false });
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const started = performance.now();
    // The delay's Redis down …
    await expect(
      authorizeCredentials({ email: customer.email, password: customer.password }, customer.headers, {
        limiter: smallLimits,
        delay: createSignInDelay({ redis: unreachable }),
      }),
    ).rejects.toThrow('SignInUnavailable');
    // … or the ceilings'.
    await expect(
      authorizeCredentials({ email: customer.email, password: customer.password }, customer.headers, {
        limiter: createRateLimiter({ redis: unreachable }),
        delay: smallGuards().delay,
      }),
    ).rejects.toThrow('SignInUnavailable');
    expect(performance.now() - started).toBeLessThan(3_000);
    quiet.mockRestore();
  });

  it('does not count successful sign-ins against the delay or the limits', async () => {
    const regular = await newCustomer('regular');
    const guards = smallGuards();
    for (let i = 0; i < 10; i += 1) {
      const user = await authorizeCredentials({ email: regular.email, password: regular.password }, regular.headers, guards);
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

  it('writes id, role and session version into the token at sign-in', async () => {
    const user = { id: 'u-1', email: 'c@example.test', name: 'C', role: 'customer' as const, sessionVersion: 3, sessionId: 's-1', signedInAt: 1_000 };
    const token = await jwt({ token: {}, user, account: null });
    expect(token).toMatchObject({ id: 'u-1', role: 'customer', email: 'c@example.test', name: 'C', sessionVersion: 3, sessionId: 's-1', signedInAt: 1_000 });
  });

  it('keeps the role and session version sign-in wrote when the client asks for a session update', async () => {
    const token: JWT = { id: 'u-1', role: 'customer', email: 'c@example.test', name: 'C', sessionVersion: 1 };
    const updated = await jwt({
      token,
      trigger: 'update',
      session: { user: { role: 'admin', sessionVersion: 9 } },
      account: null,
      user: undefined as never,
    });
    expect(updated).toMatchObject({ id: 'u-1', role: 'customer', sessionVersion: 1 });
  });

  it('exposes id, role and session version on the session, and no user for a token without them', async () => {
    const withUser = await session({
      session: { expires: '' },
      token: { id: 'u-1', role: 'admin', email: 'a@example.test', name: 'A', sessionVersion: 2 },
    } as never);
    expect(withUser.user).toEqual({ id: 'u-1', role: 'admin', email: 'a@example.test', name: 'A', sessionVersion: 2 });
    // A token from before session versions existed counts as version 0.
    const older = await session({ session: { expires: '' }, token: { id: 'u-1', role: 'admin', email: 'a@example.test', name: 'A' } } as never);
    expect((older.user as { sessionVersion?: number } | undefined)?.sessionVersion).toBe(0);
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
