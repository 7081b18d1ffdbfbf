// When Playwright runs on its own, start the test stack and the built app behind the front; under `npm test` they are already up.
import { buildApp } from '../../scripts/stack/app';
import { appProcessCount, startAppPool } from '../../scripts/stack/app-pool';
import { stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';
import { startTestStack } from '../support/test-stack';

export default async function globalSetup() {
  if (process.env.SHOP_STACK_RUNNING === '1') return;
  const stopStack = await startTestStack();
  const env = stackEnv(profiles.test);
  await buildApp(env, console.log);
  // Through the front (nginx on the app port), as under `npm test`.
  const app = await startAppPool({
    port: profiles.test.ports.app,
    count: appProcessCount(process.env.APP_PROCESSES ?? '1'),
    dataDir: profiles.test.dataDir,
    mode: 'production',
    env,
    freshDataCache: true,
  });
  return async () => {
    await app.stop();
    await stopStack();
  };
}
