// Next's data cache (the `cacheHandler` of next.config.ts: unstable_cache, fetch and ISR entries) kept in the shop's
// Redis, so every app process reads the same entries and a `revalidateTag` on one process reaches all of them.
//
// Next calls the handler per request (get / set / revalidateTag). Tag revalidation is a record per tag — when it went
// stale and when it expired — and `get` drops an entry that any of its tags expired after it was stored: no list of
// keys per tag to keep in step, and a revalidation is one write whatever the number of entries. Entries belong to one
// build (lib/redis-keys.ts); tag records are shared by all builds, so an edit during a rolling deploy reaches both.
//
// Redis down or slow is a cache miss (logged once per outage), never a failed page: the data comes from Postgres.
import 'server-only';
import type { Redis } from '@upstash/redis';
import { errorText, log } from '@/lib/log';
import { redisKeys, redisTtlSeconds } from '@/lib/redis-keys';
import { decodeCacheValue, encodeCacheValue } from './cache-value-codec';

/** What Next hands the handler with `get` / `set` (the fields this store reads; see next/dist/server/response-cache). */
export interface CacheContext {
  kind?: string;
  tags?: string[];
  softTags?: string[];
  revalidate?: number | false;
  cacheControl?: { revalidate?: number | false; expire?: number };
}

/** A cached value as Next gives it: a `kind` and the rest (strings, Buffers, Maps, plain objects). */
export type CacheValue = { kind: string; [field: string]: unknown } | null;

/** What `get` answers: the shape of Next's `CacheHandlerValue`. */
export interface CacheHit {
  lastModified: number;
  value: CacheValue;
  cacheControl?: CacheContext['cacheControl'];
}

export interface SharedCacheStore {
  get(key: string, ctx: CacheContext): Promise<CacheHit | null>;
  set(key: string, value: CacheValue, ctx: CacheContext): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
}

interface StoredEntry {
  lastModified: number;
  tags: string[];
  value: unknown;
  cacheControl?: CacheContext['cacheControl'];
}

interface TagRecord {
  /** From this time (ms) entries stored earlier are stale: served once more while Next refreshes them. */
  stale?: number;
  /** From this time (ms) entries stored earlier are gone. */
  expired?: number;
}

/** Next's own limit for one fetch-cache entry is 2 MB; a page payload bigger than this is not worth a round trip. */
const MAX_ENTRY_BYTES = 1_000_000;
/** A cache read that takes longer is abandoned: rendering from Postgres is faster than waiting on a sick Redis. */
export const CACHE_TIMEOUT_MS = 500;

export function createRedisCacheStore(deps: { redis: Redis; build: string; now?: () => number; timeoutMs?: number }): SharedCacheStore {
  const now = deps.now ?? Date.now;
  const timeoutMs = deps.timeoutMs ?? CACHE_TIMEOUT_MS;
  let down = false;

  /** Runs one Redis exchange with a deadline; a failure is logged once until Redis answers again. */
  async function attempt<T>(what: string, exchange: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      const value = await Promise.race([exchange(), deadline]);
      if (down) log().info('shared cache: Redis answers again');
      down = false;
      return { ok: true, value };
    } catch (error) {
      if (!down) log().warn({ error: errorText(error), during: what }, 'shared cache: Redis unavailable, reading from the database until it is back');
      down = true;
      return { ok: false };
    } finally {
      clearTimeout(timer);
    }
  }

  const tagKeys = (tags: Iterable<string>) => [...new Set(tags)].map(redisKeys.nextCacheTag);

  return {
    async get(key, ctx) {
      const known = [...(ctx.tags ?? []), ...(ctx.softTags ?? [])];
      const read = await attempt('get', async () => {
        // Issued in the same tick, so the client sends them as one pipeline: one round trip.
        const [entry, records] = await Promise.all([
          deps.redis.get<StoredEntry>(redisKeys.nextCacheEntry(deps.build, key)),
          known.length > 0 ? deps.redis.mget<(TagRecord | null)[]>(...tagKeys(known)) : Promise.resolve([]),
        ]);
        if (!entry) return null;
        const extra = entry.tags.filter((tag) => !known.includes(tag));
        const more = extra.length > 0 ? await deps.redis.mget<(TagRecord | null)[]>(...tagKeys(extra)) : [];
        return { entry, records: [...records, ...more] };
      });
      if (!read.ok || !read.value) return null;
      const { entry, records } = read.value;
      const at = now();
      let lastModified = entry.lastModified;
      for (const record of records) {
        if (!record) continue;
        if (record.expired !== undefined && record.expired <= at && record.expired > entry.lastModified) return null;
        // Stale: make the entry look older than any revalidate time, so Next serves it once and refreshes it.
        if (record.stale !== undefined && record.stale > entry.lastModified) lastModified = 0;
      }
      return { lastModified, value: decodeCacheValue(entry.value) as CacheValue, ...(entry.cacheControl ? { cacheControl: entry.cacheControl } : {}) };
    },

    async set(key, value, ctx) {
      const entry: StoredEntry = {
        lastModified: now(),
        tags: tagsOf(value, ctx),
        value: encodeCacheValue(value),
        ...(ctx.cacheControl ? { cacheControl: ctx.cacheControl } : {}),
      };
      const body = JSON.stringify(entry);
      if (body.length > MAX_ENTRY_BYTES) return;
      await attempt('set', () => deps.redis.set(redisKeys.nextCacheEntry(deps.build, key), body, { ex: entryTtlSeconds(ctx) }));
    },

    async revalidateTag(tags, durations) {
      const list = Array.isArray(tags) ? tags : [tags];
      if (list.length === 0) return;
      const at = now();
      // No durations (updateTag): gone now. With durations: stale now, gone after `expire` seconds (0 = now).
      const record: TagRecord = { stale: at, expired: durations?.expire === undefined ? at : at + durations.expire * 1_000 };
      const written = await attempt('revalidateTag', () =>
        Promise.all(list.map((tag) => deps.redis.set(redisKeys.nextCacheTag(tag), JSON.stringify(record), { ex: redisTtlSeconds.nextCacheTag }))),
      );
      // Other processes keep serving their copy until the entry's revalidate time (lib/server/deps/catalog.ts) ends.
      if (!written.ok)
        log().error({ tags: list }, 'shared cache: a tag revalidation did not reach Redis; other processes may show the old data for a few minutes');
    },
  };
}

/** The entry's own tags: a fetch/unstable_cache entry names them; a page or route carries them in a header. */
function tagsOf(value: CacheValue, ctx: CacheContext): string[] {
  const tags = new Set(ctx.tags ?? []);
  if (value && Array.isArray(value.tags)) for (const tag of value.tags) if (typeof tag === 'string') tags.add(tag);
  const header = value && typeof value.headers === 'object' && value.headers ? (value.headers as Record<string, unknown>)['x-next-cache-tags'] : undefined;
  if (typeof header === 'string') for (const tag of header.split(',')) if (tag) tags.add(tag);
  return [...tags];
}

/** Twice the revalidate time (so Next can serve it stale while refreshing), at least a minute, at most a day. */
function entryTtlSeconds(ctx: CacheContext): number {
  const revalidate = typeof ctx.revalidate === 'number' ? ctx.revalidate : ctx.cacheControl?.revalidate;
  const wanted = typeof revalidate === 'number' && revalidate > 0 ? revalidate * 2 : redisTtlSeconds.nextCacheEntryMax;
  return Math.min(Math.max(Math.ceil(wanted), 60), redisTtlSeconds.nextCacheEntryMax);
}
