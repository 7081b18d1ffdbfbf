// Starts an isolated stack for a benchmark: the test profile's services on their own ports (SHOP_TEST_PORT_OFFSET,
// default 700 here), a fresh seeded database, and the production build served by `next start` behind the front (nginx),
// as `npm start` serves it.
import './offset';
import { buildApp, PRODUCTION_NODE_ARGS } from '../../scripts/stack/app';
import { appProcessCount, startAppPool } from '../../scripts/stack/app-pool';
import { type StackEnv, stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';
import { startTestStack } from '../../tests/support/test-stack';

/**
 * `appEnv` replaces single app variables (e.g. `{ NEXT_DIST_DIR: '.next-compare' }`, a build folder of its own);
 * `nodeArgs` are flags for the app's Node process (bench:profile's --cpu-prof).
 */
export async function startBenchStack(opts: { appEnv?: Record<string, string>; nodeArgs?: string[]; log?: (line: string) => void } = {}) {
  const profile = profiles.test;
  // The load tool plays a CDN in front of nginx: each shopper's own address is the X-Forwarded-For entry before the one
  // nginx appends (its peer, 127.0.0.1), so the app trusts two hops. The test profile logs at warn (no line per
  // request), as under `npm test`.
  const env: StackEnv = { ...stackEnv(profile), TRUSTED_PROXY_HOPS: '2', ...opts.appEnv };
  const stopStack = await startTestStack();
  await buildApp(env, opts.log ?? ((line) => console.log(`  ${line}`)));
  const pool = await startAppPool({
    port: profile.ports.app,
    count: appProcessCount(process.env.APP_PROCESSES ?? '1'),
    dataDir: profile.dataDir,
    mode: 'production',
    env,
    freshDataCache: true,
    nodeArgs: [...PRODUCTION_NODE_ARGS, ...(opts.nodeArgs ?? [])],
  });
  const app = { url: pool.url, pid: pool.processes()[0]?.pid ?? 0, stop: pool.stop };
  return {
    env,
    appUrl: app.url,
    /** The first app process (the only one unless APP_PROCESSES says otherwise): the one whose CPU and memory are sampled. */
    appPid: app.pid,
    async stop() {
      await app.stop();
      await stopStack();
    },
  };
}
