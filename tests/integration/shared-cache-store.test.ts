// The Redis store behind Next's data cache (lib/server/cache/redis-cache-store.ts), against the test stack's Redis
// (through the Upstash bridge) and against a Redis that is down or hung: a cache that fails is a miss, never an error.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Redis } from '@upstash/redis';
import { afterAll, describe, expect, it } from 'vitest';
import { env } from '@/lib/core/env';
import { redis } from '@/lib/redis';
import { createRedisCacheStore } from '@/lib/server/cache/redis-cache-store';
import { closedPort } from '../support/closed-port';

const fetchEntry = (body: string, tags: string[]) => ({ kind: 'FETCH', data: { headers: {}, body, url: '', status: 200 }, revalidate: 300, tags });
const ctxFor = (tags: string[]) => ({ kind: 'FETCH', tags, softTags: [], revalidate: 300 as const });

describe('the shared cache store', () => {
  const build = `test-${randomUUID().slice(0, 8)}`;
  let clock = Date.now();
  const store = createRedisCacheStore({ redis: redis(), build, now: () => clock });

  it('gives every process what one stored, and drops it for all of them when one revalidates its tag', async () => {
    const other = createRedisCacheStore({ redis: redis(), build, now: () => clock }); // another app process
    const tag = `catalog:product:${randomUUID()}`;
    await store.set('listing', fetchEntry('"old"', ['catalog', tag]), ctxFor(['catalog', tag]));
    expect((await other.get('listing', ctxFor(['catalog', tag])))?.value).toMatchObject({ data: { body: '"old"' } });

    clock += 5;
    await other.revalidateTag(tag, { expire: 0 });
    clock += 5;
    expect(await store.get('listing', ctxFor(['catalog', tag]))).toBeNull();

    // What is stored after the revalidation is fresh again.
    await store.set('listing', fetchEntry('"new"', ['catalog', tag]), ctxFor(['catalog', tag]));
    expect((await other.get('listing', ctxFor(['catalog', tag])))?.value).toMatchObject({ data: { body: '"new"' } });
  });

  it('checks the tags an entry was stored with even when the reader names fewer', async () => {
    const tag = `catalog:product:${randomUUID()}`;
    await store.set('page', fetchEntry('"page"', [tag]), ctxFor([tag]));
    clock += 5;
    await store.revalidateTag([tag]);
    clock += 5;
    expect(await store.get('page', ctxFor([]))).toBeNull();
  });

  it('serves an entry whose tag went stale (expire later) once more as stale, and drops it once the tag expires', async () => {
    const tag = `catalog:listings:${randomUUID()}`;
    await store.set('stale', fetchEntry('"s"', [tag]), ctxFor([tag]));
    clock += 5;
    await store.revalidateTag(tag, { expire: 60 });
    clock += 5;
    const stale = await store.get('stale', ctxFor([tag]));
    expect(stale?.lastModified).toBe(0); // older than any revalidate time: Next serves it and refreshes it
    clock += 61_000;
    expect(await store.get('stale', ctxFor([tag]))).toBeNull();
  });

  it('keeps each build apart: a new build never reads what an older one stored', async () => {
    await store.set('shared-key', fetchEntry('"v1"', []), ctxFor([]));
    const next = createRedisCacheStore({ redis: redis(), build: `${build}-next`, now: () => clock });
    expect(await next.get('shared-key', ctxFor([]))).toBeNull();
  });

  it('bounds every entry with a TTL', async () => {
    await store.set('ttl', fetchEntry('"t"', []), ctxFor([]));
    const ttl = await redis().ttl(`next-cache:entry:${build}:ttl`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(600); // twice the revalidate time
  });
});

describe('the shared cache store when Redis fails', () => {
  const hung = createServer(() => {}); // accepts, never answers
  afterAll(() => {
    hung.closeAllConnections();
    return new Promise<void>((resolve) => hung.close(() => resolve()));
  });

  it('answers a miss and swallows writes when Redis refuses connections', async () => {
    const down = new Redis({ url: `http://127.0.0.1:${await closedPort()}`, token: env().UPSTASH_REDIS_REST_TOKEN, retry: false });
    const store = createRedisCacheStore({ redis: down, build: 'down' });
    expect(await store.get('k', ctxFor(['catalog']))).toBeNull();
    await expect(store.set('k', fetchEntry('"x"', ['catalog']), ctxFor(['catalog']))).resolves.toBeUndefined();
    await expect(store.revalidateTag('catalog', { expire: 0 })).resolves.toBeUndefined();
  });

  it('gives up on a hung Redis after its deadline instead of holding the page', async () => {
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const address = hung.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const slow = new Redis({ url: `http://127.0.0.1:${address.port}`, token: 'x', retry: false });
    const store = createRedisCacheStore({ redis: slow, build: 'hung', timeoutMs: 200 });
    const started = performance.now();
    expect(await store.get('k', ctxFor(['catalog']))).toBeNull();
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
