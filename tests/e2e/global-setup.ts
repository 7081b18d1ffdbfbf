// When Playwright runs on its own, start the test stack and the built app; under `npm test` they are already up.
import { buildApp, startApp } from '../../scripts/stack/app';
import { stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';
import { startTestStack } from '../support/test-stack';

export default async function globalSetup() {
  if (process.env.SHOP_STACK_RUNNING === '1') return;
  const stopStack = await startTestStack();
  const env = stackEnv(profiles.test);
  await buildApp(env, console.log);
  const app = await startApp({ mode: 'production', port: profiles.test.ports.app, env, freshDataCache: true });
  return async () => {
    await app.stop();
    await stopStack();
  };
}
