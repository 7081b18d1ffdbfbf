// Starts an isolated stack for a benchmark: the test profile's services on their own ports (SHOP_TEST_PORT_OFFSET,
// default 700 here), a fresh seeded database, and the production build served by `next start`.
import './offset';
import { createDatabase } from '../../db/client';
import { buildApp, startApp } from '../../scripts/stack/app';
import { type StackEnv, stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';
import { startTestStack } from '../../tests/support/test-stack';

/** `overrides` replace single app variables, e.g. `{ NEXT_DIST_DIR: '.next-compare' }` for a build folder of its own. */
export async function startBenchStack(overrides: Record<string, string> = {}) {
  const profile = profiles.test;
  // The load tool plays the proxy in front of the app: each shopper's own address arrives as the last X-Forwarded-For entry.
  const env: StackEnv = { ...stackEnv(profile), TRUSTED_PROXY_HOPS: '1', ...overrides };
  const stopStack = await startTestStack();
  await buildApp(env, (line) => console.log(`  ${line}`));
  const app = await startApp({ mode: 'production', port: profile.ports.app, env, freshDataCache: true });
  const database = createDatabase(env.DATABASE_URL!, { max: 10 });
  return {
    env,
    appUrl: app.url,
    db: database.db,
    async stop() {
      await database.sql.end();
      await app.stop();
      await stopStack();
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs `tasks` with at most `concurrency` in flight. */
export async function pool<T>(tasks: Array<() => Promise<T>>, concurrency: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}
