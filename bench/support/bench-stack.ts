// Starts an isolated stack for a benchmark: the test profile's services on their own ports (SHOP_TEST_PORT_OFFSET,
// default 700 here), a fresh seeded database, and the production build served by `next start` behind the front (nginx),
// as `npm start` serves it. The app processes and the front can be restarted with another process count while
// PostgreSQL, Redis and the rest keep running (the scaling passes of `npm run bench`).
import './offset';
import { buildApp, PRODUCTION_NODE_ARGS } from '../../scripts/stack/app';
import { type AppPool, appProcessCount, startAppPool } from '../../scripts/stack/app-pool';
import { type StackEnv, stackEnv } from '../../scripts/stack/env';
import { currentNode, type NodeRuntime } from '../../scripts/stack/node-runtime';
import { profiles } from '../../scripts/stack/profiles';
import { startSeededTestStack } from '../../tests/support/test-stack';
import type { PartPids } from './parts';

export type BenchStack = Awaited<ReturnType<typeof startBenchStack>>;

/**
 * `appEnv` replaces single app variables (e.g. `{ NEXT_DIST_DIR: '.next-compare' }`, a build folder of its own);
 * `nodeArgs` are flags for the app's Node process (bench:profile's --cpu-prof); `processes` is the number of app
 * processes behind the front (default APP_PROCESSES, else 1); `node` runs the app processes (`--node 24`; default the
 * machine's Node, which also runs the build, the services and the load driver).
 */
export async function startBenchStack(
  opts: { appEnv?: Record<string, string>; nodeArgs?: string[]; processes?: number; node?: NodeRuntime; log?: (line: string) => void } = {},
) {
  const node = opts.node ?? currentNode();
  const profile = profiles.test;
  // The load tool plays a CDN in front of nginx: each shopper's own address is the X-Forwarded-For entry before the one
  // nginx appends (its peer, 127.0.0.1), so the app trusts two hops. The test profile logs at warn (no line per
  // request), as under `npm test`.
  const env: StackEnv = { ...stackEnv(profile), TRUSTED_PROXY_HOPS: '2', ...opts.appEnv };
  // The Upstash bridge in a process of its own: its CPU time is measured apart from the Paystack simulator's.
  const services = await startSeededTestStack({ bridgeProcess: true });
  const startPool = (count: number, more: Record<string, string> = {}) =>
    startAppPool({
      port: profile.ports.app,
      count,
      dataDir: profile.dataDir,
      mode: 'production',
      env: { ...env, ...more },
      // Every start begins with an empty data cache (and the front with an empty page cache): each pass starts alike.
      freshDataCache: true,
      nodeArgs: [...PRODUCTION_NODE_ARGS, ...(opts.nodeArgs ?? [])],
      node: node.bin,
    });
  let pool: AppPool | undefined;
  try {
    await buildApp(env, opts.log ?? ((line) => console.log(`  ${line}`)));
    pool = await startPool(opts.processes ?? appProcessCount(process.env.APP_PROCESSES ?? '1'));
  } catch (error) {
    await services.stop();
    throw error;
  }
  let running: AppPool = pool;
  return {
    env,
    /** The Node the app processes run on (the report names it). */
    node,
    appUrl: running.url,
    /** How many app processes serve now. */
    processes: () => running.processes().length,
    /** The app processes' own URLs (behind the front). */
    appProcessUrls: () => running.processes().map((app) => `http://127.0.0.1:${app.port}`),
    /** Every part's processes but the load driver (the driver adds itself). */
    pids: (): Omit<PartPids, 'driver'> => ({
      app: running.processes().map((app) => app.pid),
      postgres: services.pids.postgres,
      redis: services.pids.redis ?? 0,
      bridge: services.pids.bridge ?? 0,
      nginx: running.front.pid,
      bench: process.pid,
    }),
    /** Stops the app processes and the front, and starts `count` processes behind a new front on the same URL. */
    async restartApp(count: number, appEnv: Record<string, string> = {}) {
      await running.stop();
      running = await startPool(count, appEnv);
    },
    async stop() {
      await running.stop();
      await services.stop();
    },
  };
}
