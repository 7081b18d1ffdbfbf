// The fail-closed limiter and the sign-in delay against the real Redis through the Upstash bridge: limits per email and
// per IP, refunds, the exponential delay per account × address, and outages that deny quickly instead of letting
// attempts through.
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { Redis } from '@upstash/redis';
import { afterAll, describe, expect, it } from 'vitest';
import { createSignInDelay, delayAfterAttempt, SIGN_IN_DELAY_POLICY } from '@/lib/auth/sign-in-delay';
import { createRateLimiter } from '@/lib/server/doors/rate-limit';
import { closedPort } from '../support/closed-port';

const url = process.env.UPSTASH_REDIS_REST_URL ?? '';
const token = process.env.UPSTASH_REDIS_REST_TOKEN ?? '';
const redis = new Redis({ url, token, retry: { retries: 1, backoff: () => 50 } });
const prefix = `ratelimit-test:${randomUUID()}`;
const limiter = createRateLimiter({
  redis,
  prefix,
  policies: { signInByEmail: { tokens: 3, window: '1 d' }, signInByIp: { tokens: 5, window: '1 d' } },
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
});

async function attempts(policy: 'signInByEmail' | 'signInByIp', identifier: string, count: number) {
  const results = [];
  for (let i = 0; i < count; i += 1) results.push(await limiter.limit(policy, identifier));
  return results;
}

describe('rate limiter', () => {
  it('allows N attempts per email and denies the N+1st with a retry time, without touching other emails', async () => {
    const email = `victim-${randomUUID()}@example.test`;
    const results = await attempts('signInByEmail', email, 4);
    expect(results.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    expect(results[3]).toMatchObject({ allowed: false, reason: 'rate_limited' });
    const denied = results[3] as { retryAfterSeconds: number };
    expect(denied.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(denied.retryAfterSeconds).toBeLessThanOrEqual(24 * 60 * 60);

    expect(await limiter.limit('signInByEmail', `other-${randomUUID()}@example.test`)).toEqual({ allowed: true });
  });

  it('allows N attempts per IP and denies the N+1st, even when each attempt names a different email', async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 6)}`;
    const results = await attempts('signInByIp', ip, 6);
    expect(results.filter((result) => result.allowed)).toHaveLength(5);
    expect(results[5]).toMatchObject({ allowed: false, reason: 'rate_limited' });
  });

  it('holds the limit under concurrent attempts: exactly N of many simultaneous ones pass', async () => {
    const email = `burst-${randomUUID()}@example.test`;
    const results = await Promise.all(Array.from({ length: 12 }, () => limiter.limit('signInByEmail', email)));
    expect(results.filter((result) => result.allowed)).toHaveLength(3);
  });

  it('a refund gives back the token of an attempt that succeeded', async () => {
    const email = `refund-${randomUUID()}@example.test`;
    await attempts('signInByEmail', email, 3);
    expect((await limiter.limit('signInByEmail', email)).allowed).toBe(false);
    await limiter.refund('signInByEmail', email);
    expect(await limiter.limit('signInByEmail', email)).toEqual({ allowed: true });
    expect((await limiter.limit('signInByEmail', email)).allowed).toBe(false);
  });
});

describe('sign-in delay per account × address', () => {
  // The app's own policy (5 free attempts, then 2 s, 4 s, 8 s … capped at 15 minutes) on a clock the test moves.
  const clock = { now: Date.now() };
  const delay = createSignInDelay({ redis, prefix: `${prefix}:delay`, now: () => clock.now });
  const account = () => `delayed-${randomUUID()}@example.test`;

  it('lets the first attempts through, then makes each further one wait twice as long, up to the cap', async () => {
    const email = account();
    const address = '198.51.100.7';
    for (let attempt = 1; attempt <= 5; attempt += 1) expect(await delay.attempt(email, address)).toEqual({ allowed: true, attempt });
    const waits: number[] = [];
    for (let attempt = 6; attempt <= 16; attempt += 1) {
      const refused = await delay.attempt(email, address);
      expect(refused).toMatchObject({ allowed: false, reason: 'delayed' });
      const wait = (refused as { retryAfterSeconds: number }).retryAfterSeconds;
      waits.push(wait);
      // One second short is still too early; the full wait is enough.
      clock.now += (wait - 1) * 1_000;
      expect(await delay.attempt(email, address)).toMatchObject({ allowed: false, reason: 'delayed', retryAfterSeconds: 1 });
      clock.now += 1_000;
      expect(await delay.attempt(email, address)).toEqual({ allowed: true, attempt });
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
    expect(waits).toEqual(Array.from({ length: 11 }, (_, i) => delayAfterAttempt(5 + i, SIGN_IN_DELAY_POLICY)));
  });

  it('keeps addresses apart: one address waiting does not hold back another for the same account', async () => {
    const email = account();
    for (let i = 0; i < 6; i += 1) await delay.attempt(email, '203.0.113.1');
    expect(await delay.attempt(email, '203.0.113.1')).toMatchObject({ allowed: false, reason: 'delayed' });
    expect(await delay.attempt(email, '203.0.113.2')).toEqual({ allowed: true, attempt: 1 });
    expect(await delay.attempt(account(), '203.0.113.1')).toEqual({ allowed: true, attempt: 1 });
  });

  it('starts an address again after a sign-in from it, and every address after a reset', async () => {
    const email = account();
    for (let i = 0; i < 6; i += 1) {
      await delay.attempt(email, '203.0.113.3');
      await delay.attempt(email, '203.0.113.4');
    }
    await delay.succeeded(email, '203.0.113.3');
    expect(await delay.attempt(email, '203.0.113.3')).toEqual({ allowed: true, attempt: 1 });
    expect(await delay.attempt(email, '203.0.113.4')).toMatchObject({ allowed: false, reason: 'delayed' });
    await delay.forget(email);
    expect(await delay.attempt(email, '203.0.113.4')).toEqual({ allowed: true, attempt: 1 });
  });

  it('lets exactly one of many simultaneous attempts through once the free ones are spent', async () => {
    const email = account();
    for (let i = 0; i < 5; i += 1) await delay.attempt(email, '203.0.113.5');
    clock.now += 2_000;
    const results = await Promise.all(Array.from({ length: 12 }, () => delay.attempt(email, '203.0.113.5')));
    expect(results.filter((result) => result.allowed)).toHaveLength(1);
  });
});

describe('rate limiter when Redis is unreachable', () => {
  it('denies quickly with reason "unavailable" when the REST endpoint refuses connections', async () => {
    const port = await closedPort();
    const down = createRateLimiter({
      redis: new Redis({ url: `http://127.0.0.1:${port}`, token: 'x', retry: { retries: 1, backoff: () => 50 } }),
      prefix,
    });
    const started = performance.now();
    const decision = await down.limit('signInByEmail', 'someone@example.test');
    expect(decision).toEqual({ allowed: false, reason: 'unavailable' });
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('refuses sign-in attempts with reason "unavailable" when the delay cannot reach Redis', async () => {
    const port = await closedPort();
    const down = createSignInDelay({ redis: new Redis({ url: `http://127.0.0.1:${port}`, token: 'x', retry: { retries: 1, backoff: () => 50 } }) });
    const started = performance.now();
    expect(await down.attempt('someone@example.test', '198.51.100.9')).toEqual({ allowed: false, reason: 'unavailable' });
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('denies with reason "unavailable" when Redis hangs, after the short timeout instead of allowing', async () => {
    // Accepts connections and never answers: the library would report success with reason 'timeout' (fail-open).
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const hung = createRateLimiter({
        redis: new Redis({ url: `http://127.0.0.1:${port}`, token: 'x', retry: false }),
        prefix,
        timeoutMs: 300,
      });
      const started = performance.now();
      expect(await hung.limit('signInByIp', '198.51.100.1')).toEqual({ allowed: false, reason: 'unavailable' });
      expect(performance.now() - started).toBeLessThan(1_500);
      const hungDelay = createSignInDelay({ redis: new Redis({ url: `http://127.0.0.1:${port}`, token: 'x', retry: false }), timeoutMs: 300 });
      expect(await hungDelay.attempt('someone@example.test', '198.51.100.1')).toEqual({ allowed: false, reason: 'unavailable' });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

/** A port nothing listens on: bind one, note it, close it. */
