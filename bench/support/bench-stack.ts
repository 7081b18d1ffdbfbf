// Starts an isolated stack for a benchmark: the test profile's services on their own ports (SHOP_TEST_PORT_OFFSET,
// default 700 here), a fresh seeded database, and the production build served by `next start`.
import './offset';
import { buildApp, PRODUCTION_NODE_ARGS, startApp } from '../../scripts/stack/app';
import { type StackEnv, stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';
import { startTestStack } from '../../tests/support/test-stack';

/**
 * `appEnv` replaces single app variables (e.g. `{ NEXT_DIST_DIR: '.next-compare' }`, a build folder of its own);
 * `nodeArgs` are flags for the app's Node process (bench:profile's --cpu-prof).
 */
export async function startBenchStack(opts: { appEnv?: Record<string, string>; nodeArgs?: string[]; log?: (line: string) => void } = {}) {
  const profile = profiles.test;
  // The load tool plays the proxy in front of the app: each shopper's own address arrives as the last X-Forwarded-For
  // entry. The test profile logs at warn (no line per request), as under `npm test`.
  const env: StackEnv = { ...stackEnv(profile), TRUSTED_PROXY_HOPS: '1', ...opts.appEnv };
  const stopStack = await startTestStack();
  await buildApp(env, opts.log ?? ((line) => console.log(`  ${line}`)));
  const app = await startApp({
    mode: 'production',
    port: profile.ports.app,
    env,
    freshDataCache: true,
    nodeArgs: [...PRODUCTION_NODE_ARGS, ...(opts.nodeArgs ?? [])],
  });
  return {
    env,
    appUrl: app.url,
    appPid: app.pid,
    async stop() {
      await app.stop();
      await stopStack();
    },
  };
}
