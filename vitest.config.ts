import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      '@': root,
      // `server-only` throws outside React server components; plain Node (vitest) is server-side too.
      'server-only': path.join(root, 'tests/support/server-only.ts'),
    },
  },
  test: {
    // Two cores: more workers only contend for the same CPUs and the same test database.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // Pure code, no mocks, no env or global changes (no `vi.*` in tests/unit): one module graph per worker instead of
        // one per file. Importing each file's graph afresh was most of the layer's time (≈ 90 s of import for 8 s of
        // tests on two cores), paid twice now that `npm test` runs unit on two Nodes.
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/integration/global-setup.ts'],
          setupFiles: ['tests/integration/setup-env.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      // Run by `npm test` after the browser tests, over the log their app wrote (E2E_APP_LOG): only then is there one.
      ...(process.env.E2E_APP_LOG
        ? [{ extends: true as const, test: { name: 'logs', include: ['tests/logs/**/*.test.ts'], environment: 'node' as const } }]
        : []),
    ],
  },
});
