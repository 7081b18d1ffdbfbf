import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { appUrl } from './scripts/stack/env';
import { profiles } from './scripts/stack/profiles';

// Debian's Chromium (apt-get install chromium): Playwright's own browser downloads cannot reach this network.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  // Per test profile, so runs with different SHOP_TEST_PORT_OFFSETs never delete each other's results.
  outputDir: `test-results/${path.basename(profiles.test.dataDir)}`,
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: false,
  // Two at once only because the schedules soak (three minutes of mostly waiting) runs beside the browser specs; the
  // browser specs themselves run one at a time (their project's limit), as they share the seeded shop and its accounts.
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    baseURL: appUrl(profiles.test),
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    // Signs a customer and an admin in once (tests/e2e/sign-in.setup.ts); specs that need them use the saved state.
    { name: 'setup', testMatch: /\.setup\.ts$/, use: { browserName: 'chromium' } },
    { name: 'chromium', testIgnore: /schedules-soak\.spec\.ts$/, workers: 1, use: { browserName: 'chromium' }, dependencies: ['setup'] },
    // Two app processes of its own idling for three minutes while their schedules tick: beside the browser specs. It
    // needs no signed-in state, but Playwright runs projects in phases by their dependencies: only a project that
    // depends on `setup` as well shares the browser specs' phase instead of holding them up until it is done.
    { name: 'soak', testMatch: /schedules-soak\.spec\.ts$/, workers: 1, dependencies: ['setup'] },
  ],
});
