// Puts this process's shared cache store where Next's cache handler (next-cache-handler.cjs) finds it. Next loads that
// handler with a plain `import()` outside the app's bundle, so it cannot import TypeScript or this app's modules; the
// store is built here, in the bundle, with the app's Redis client, once per server process (instrumentation.ts).
import 'server-only';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/core/env';
import { log } from '@/lib/log';
import { redis } from '@/lib/redis';
import { createRedisCacheStore, type SharedCacheStore } from './redis-cache-store';

/** The global slot next-cache-handler.cjs reads (Symbol.for: the same symbol in every module of the process). */
export const SHARED_CACHE_SLOT = Symbol.for('paystack-commerce.shared-next-cache');

export function registerSharedCache(): void {
  const slot = globalThis as { [SHARED_CACHE_SLOT]?: SharedCacheStore };
  if (slot[SHARED_CACHE_SLOT]) return;
  const build = buildName();
  slot[SHARED_CACHE_SLOT] = createRedisCacheStore({ redis: redis(), build });
  log().info({ build }, 'shared cache: Next data cache in Redis');
}

/** The deployment id when one is set (one per build), else the id `next build` wrote beside its output. */
function buildName(): string {
  const config = env();
  if (config.NEXT_DEPLOYMENT_ID) return config.NEXT_DEPLOYMENT_ID;
  return readFileSync(path.join(process.cwd(), config.NEXT_DIST_DIR, 'BUILD_ID'), 'utf8').trim();
}
