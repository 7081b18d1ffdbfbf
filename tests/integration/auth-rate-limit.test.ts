// The fail-closed limiter against the real Redis through the Upstash bridge: limits per email and per IP,
// refunds, and an outage that denies quickly instead of letting attempts through.
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { Redis } from '@upstash/redis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRateLimiter } from '@/lib/server/rate-limit';

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
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
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
