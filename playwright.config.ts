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
  workers: 1,
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
    { name: 'chromium', use: { browserName: 'chromium' }, dependencies: ['setup'] },
  ],
});
