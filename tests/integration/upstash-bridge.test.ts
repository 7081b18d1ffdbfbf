// Drives the local Upstash bridge through the real @upstash/redis and @upstash/ratelimit clients: when these
// pass, code written for Upstash runs unchanged against the local redis-server.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startRedisServer } from '../../scripts/stack/redis.ts';
import { startUpstashBridge } from '../../scripts/stack/upstash-bridge.ts';

const url = process.env.UPSTASH_REDIS_REST_URL ?? '';
const token = process.env.UPSTASH_REDIS_REST_TOKEN ?? '';
if (!url || !token) throw new Error('UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN must point at the test bridge');

// Every key lives under a per-run prefix so parallel runs and leftovers never collide.
const prefix = `test:bridge:${randomUUID()}`;
const key = (name: string) => `${prefix}:${name}`;

// The default client JSON-parses replies, as the app's code sees them; `raw` shows the strings Redis stored.
const redis = new Redis({ url, token });
const raw = new Redis({ url, token, automaticDeserialization: false });

/** Sends one request the way the Upstash client does, for what the client hides (status codes, headers). */
async function post(pathname: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${pathname}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

afterAll(async () => {
  let cursor = '0';
  do {
    const [next, keys] = await raw.scan(cursor, { match: `${prefix}:*`, count: 500 });
    if (keys.length > 0) await raw.del(...keys);
    cursor = String(next);
  } while (cursor !== '0');
});

describe('Upstash bridge through @upstash/redis', () => {
  it('sets with EX and PX, gets, and reports TTLs', async () => {
    expect(await raw.set(key('ex'), 'v1', { ex: 60 })).toBe('OK');
    expect(await raw.get(key('ex'))).toBe('v1');
    expect(await raw.ttl(key('ex'))).toBeGreaterThan(0);
    expect(await raw.ttl(key('ex'))).toBeLessThanOrEqual(60);

    await raw.set(key('px'), 'v2', { px: 60_000 });
    const pttl = await raw.pttl(key('px'));
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(60_000);
    expect(await raw.get(key('missing'))).toBeNull();
  });

  it('expires keys: EXPIRE, TTL and a key that actually disappears', async () => {
    await raw.set(key('expire'), 'x');
    expect(await raw.ttl(key('expire'))).toBe(-1);
    expect(await raw.expire(key('expire'), 100)).toBe(1);
    expect(await raw.ttl(key('expire'))).toBeGreaterThan(90);
    expect(await raw.expire(key('no-such-key'), 100)).toBe(0);

    await raw.set(key('short'), 'x', { px: 50 });
    await vi.waitFor(async () => expect(await raw.get(key('short'))).toBeNull(), { timeout: 5_000, interval: 20 });
  });

  it('increments counters', async () => {
    expect(await redis.incr(key('counter'))).toBe(1);
    expect(await redis.incr(key('counter'))).toBe(2);
    expect(await redis.incrby(key('counter'), 5)).toBe(7);
    expect(await redis.get(key('counter'))).toBe(7);
  });

  it('handles hashes', async () => {
    expect(await redis.hset(key('hash'), { name: 'Ada', visits: 1 })).toBe(2);
    expect(await redis.hget(key('hash'), 'name')).toBe('Ada');
    expect(await redis.hincrby(key('hash'), 'visits', 4)).toBe(5);
    expect(await redis.hgetall(key('hash'))).toEqual({ name: 'Ada', visits: 5 });
    expect(await redis.hgetall(key('no-such-hash'))).toBeNull();
  });

  it('round-trips JSON values with automatic deserialization', async () => {
    const cart = { items: [{ sku: 'TEE-M', qty: 2 }], note: 'leave at the gate ₦' };
    await redis.set(key('cart'), cart);
    expect(await redis.get(key('cart'))).toEqual(cart);
  });

  it('round-trips non-ASCII text byte for byte', async () => {
    const text = '₦ naïve 🚀 — 日本語';
    await raw.set(key('unicode'), text);
    expect(await raw.get(key('unicode'))).toBe(text);
    expect(await redis.get(key('unicode'))).toBe(text);
    expect(await raw.strlen(key('unicode'))).toBe(Buffer.byteLength(text));
    expect(await raw.hset(key('unicode-hash'), { [text]: text })).toBe(1);
    expect(await raw.hget(key('unicode-hash'), text)).toBe(text);
  });

  it('encodes bytes that are not UTF-8 exactly in base64', async () => {
    const reply = await post('/', ['eval', 'return {string.char(255, 0, 128), 42, false}', '0'], { 'upstash-encoding': 'base64' });
    expect(reply.json).toEqual({ result: ['/wCA', 42, null] });
  });

  it('runs a pipeline in order', async () => {
    const results = await redis.pipeline().set(key('pipe'), 1).incr(key('pipe')).get(key('pipe')).hset(key('pipe-hash'), { a: 1 }).exec();
    expect(results).toEqual(['OK', 2, 2, 1]);
  });

  it('runs a transaction with MULTI/EXEC', async () => {
    const results = await redis.multi().set(key('tx'), 10).incrby(key('tx'), 5).get(key('tx')).exec();
    expect(results).toEqual(['OK', 15, 15]);
  });

  it('reports a failing command inside a transaction without rolling back the others, like Redis', async () => {
    await expect(redis.multi().set(key('tx-err'), 'text').lpush(key('tx-err'), 'x').exec()).rejects.toThrow(/WRONGTYPE/);
    expect(await raw.get(key('tx-err'))).toBe('text');

    // A command Redis rejects while queueing discards the whole transaction.
    const aborted = await post('/multi-exec', [
      ['set', key('tx-abort'), 'x'],
      ['set', key('tx-abort')],
    ]);
    expect(aborted.status).toBe(400);
    expect(aborted.json.error).toMatch(/^EXECABORT/);
    expect(await raw.get(key('tx-abort'))).toBeNull();
  });

  it('keeps concurrent transactions isolated from each other', async () => {
    const runs = Array.from({ length: 20 }, (_, i) =>
      redis
        .multi()
        .set(key(`iso-${i}`), i)
        .incr(key(`iso-${i}`))
        .get(key(`iso-${i}`))
        .exec(),
    );
    const results = await Promise.all(runs);
    for (const [i, result] of results.entries()) expect(result).toEqual(['OK', i + 1, i + 1]);
  });

  it('evaluates Lua with keys and arguments', async () => {
    const script = "redis.call('SET', KEYS[1], ARGV[1]); return {KEYS[1], redis.call('GET', KEYS[1]), redis.call('STRLEN', KEYS[1])}";
    expect(await raw.eval(script, [key('lua')], ['héllo'])).toEqual([key('lua'), 'héllo', 6]);
  });

  it('accepts Upstash-only script flags and keeps EVALSHA working with the SHA the client computes', async () => {
    const script = "#!lua flags=allow-key-locking\nreturn redis.call('INCR', KEYS[1])";
    const sha = await raw.scriptLoad(script);
    expect(sha).toBe(sha1(script));
    expect(await raw.evalsha(sha, [key('flagged')], [])).toBe(1);
    expect(await raw.scriptExists(sha)).toEqual([1]);
    await expect(raw.evalsha('0'.repeat(40), [key('flagged')], [])).rejects.toThrow(/NOSCRIPT/);

    // createScript tries EVALSHA first and falls back to EVAL on NOSCRIPT, as @upstash/ratelimit does.
    const counter = raw.createScript<number>(`#!lua flags=allow-key-locking\nreturn redis.call('INCRBY', KEYS[1], ARGV[1]) -- ${prefix}`);
    expect(await counter.exec([key('flagged-2')], ['2'])).toBe(2);
    expect(await counter.exec([key('flagged-2')], ['2'])).toBe(4);
  });

  it('surfaces a WRONGTYPE error as a thrown error and an HTTP 400', async () => {
    await raw.set(key('string'), 'plain');
    await expect(raw.lpush(key('string'), 'x')).rejects.toThrow(/WRONGTYPE/);
    await expect(redis.hget(key('string'), 'field')).rejects.toThrow(/WRONGTYPE/);

    const reply = await post('/', ['lpush', key('string'), 'x']);
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatch(/^WRONGTYPE/);
  });

  it('rejects a wrong or missing token with 401', async () => {
    const intruder = new Redis({ url, token: 'not-the-token', retry: false });
    await expect(intruder.get(key('anything'))).rejects.toThrow(/Unauthorized/);

    const wrong = await post('/', ['ping'], { authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ error: 'Unauthorized' });
    const missing = await fetch(`${url}/`, { method: 'POST', body: '["ping"]' });
    expect(missing.status).toBe(401);
  });

  it('refuses blocking and connection-state commands, and malformed bodies', async () => {
    for (const command of [['blpop', key('queue'), '0'], ['select', '1'], ['multi'], ['subscribe', 'news']]) {
      const reply = await post('/', command);
      expect(reply.status, command[0]).toBe(400);
      expect(reply.json.error, command[0]).toMatch(/not available/);
    }
    const xread = await post('/pipeline', [['xread', 'BLOCK', '0', 'STREAMS', key('stream'), '$']]);
    expect(xread.json).toEqual([{ error: expect.stringMatching(/not available/) }]);

    const malformed = await post('/', '["get",');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error).toEqual(expect.any(String));
    expect((await post('/', { not: 'a command' })).status).toBe(400);
  });

  it('echoes the sync token, serves UTF-8 without base64, and accepts the URL form', async () => {
    const reply = await post('/', ['set', key('plain'), '₦5'], { 'upstash-sync-token': 'token-123' });
    expect(reply.headers.get('upstash-sync-token')).toBe('token-123');
    expect((await post('/', ['get', key('plain')])).json).toEqual({ result: '₦5' });

    const set = await fetch(`${url}/set/${encodeURIComponent(key('path'))}/hello%20world?EX=60`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await set.json()).toEqual({ result: 'OK' });
    const get = await fetch(`${url}/get/${encodeURIComponent(key('path'))}`, { headers: { authorization: `Bearer ${token}` } });
    expect(await get.json()).toEqual({ result: 'hello world' });
  });
});

describe('@upstash/ratelimit through the bridge', () => {
  const algorithms = {
    'sliding window': Ratelimit.slidingWindow(3, '10 m'),
    'fixed window': Ratelimit.fixedWindow(3, '10 m'),
    'token bucket': Ratelimit.tokenBucket(3, '10 m', 3),
  };

  it.each(Object.entries(algorithms))('%s allows 3 requests and denies the 4th', async (name, limiter) => {
    const ratelimit = new Ratelimit({ redis, limiter, prefix: key(`rl:${name}`), ephemeralCache: false, analytics: false });
    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      const outcome = await ratelimit.limit('customer-1');
      await outcome.pending;
      outcomes.push(outcome);
    }
    expect(outcomes.map((outcome) => outcome.success)).toEqual([true, true, true, false]);
    expect(outcomes.map((outcome) => outcome.remaining)).toEqual([2, 1, 0, 0]);
    // A different identifier has its own budget.
    expect((await ratelimit.limit('customer-2')).success).toBe(true);
  });
});

describe('bridge lifecycle (own Redis and bridge on spare ports)', () => {
  it('answers 503 at once while Redis is down, reconnects when it is back, and keeps the data', async () => {
    const [redisPort, bridgePort] = await Promise.all([freePort(), freePort()]);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-lifecycle-'));
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    let server = await startRedisServer({ port: redisPort, dataDir, log });
    const bridge = await startUpstashBridge({ port: bridgePort, redisUrl: server.url, token: 'lifecycle', log });
    const client = new Redis({ url: bridge.url, token: 'lifecycle', retry: false });
    const send = (command: string[]) =>
      fetch(`${bridge.url}/`, { method: 'POST', headers: { authorization: 'Bearer lifecycle' }, body: JSON.stringify(command) });

    try {
      expect(await client.set('kept', 'across restarts')).toBe('OK');
      await server.stop();

      const started = Date.now();
      const down = await send(['get', 'kept']);
      expect(down.status).toBe(503);
      expect(((await down.json()) as { error: string }).error).toMatch(/unavailable|did not answer/);
      expect(Date.now() - started).toBeLessThan(1_000);
      await expect(client.get('kept')).rejects.toThrow();

      server = await startRedisServer({ port: redisPort, dataDir, log });
      await vi.waitFor(async () => expect(await client.get('kept')).toBe('across restarts'), { timeout: 10_000, interval: 50 });
      expect(lines.some((line) => /connection lost/.test(line))).toBe(true);
    } finally {
      await bridge.stop();
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('fails fast with a clear error when Redis is not there', async () => {
    const [deadPort, bridgePort] = await Promise.all([freePort(), freePort()]);
    const started = Date.now();
    await expect(startUpstashBridge({ port: bridgePort, redisUrl: `redis://127.0.0.1:${deadPort}`, token: 't', log: () => {} })).rejects.toThrow(
      /could not reach Redis/,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
