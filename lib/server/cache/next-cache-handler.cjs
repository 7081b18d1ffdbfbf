// Next's incremental cache handler (next.config.ts `cacheHandler`): unstable_cache, fetch and ISR entries. Next loads
// this file itself with `import()`, outside the app's bundle, so it is plain JavaScript and holds no logic: it hands
// each call to the store lib/server/cache/shared-cache.ts registered for this process (Redis, shared by every process).
// Before that (during `next build`) there is no store: every read misses and nothing is kept, which is only slower.
'use strict';

const SLOT = Symbol.for('paystack-commerce.shared-next-cache');
const store = () => globalThis[SLOT];

module.exports = class SharedCacheHandler {
  async get(key, ctx) {
    return (await store()?.get(key, ctx)) ?? null;
  }

  async set(key, value, ctx) {
    await store()?.set(key, value, ctx);
  }

  async revalidateTag(tags, durations) {
    await store()?.revalidateTag(tags, durations);
  }

  // The store keeps nothing per request.
  resetRequestCache() {}
};
