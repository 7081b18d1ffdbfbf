// The two local stacks: `dev` (npm start / npm run dev) and `test` (npm test). Ports are deliberately
// off the defaults so a machine's own Postgres (5432), Redis (6379) or mail server never collides.
import path from 'node:path';

export type ProfileName = 'dev' | 'test';

export interface StackProfile {
  name: ProfileName;
  /** Everything this profile writes to disk lives here (git-ignored). */
  dataDir: string;
  ports: {
    app: number;
    postgres: number;
    redis: number;
    bridge: number;
    paystack: number;
    smtp: number;
    mailWeb: number;
  };
  database: string;
  /** Bearer token the Upstash bridge expects; any string works locally. */
  redisToken: string;
  /** Paystack test secret key the simulator accepts and the app signs webhooks with. */
  paystackSecretKey: string;
  paystackPublicKey: string;
}

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * Shifts every test port (and the test data folder) so several checkouts or agents can run `npm test` side by side
 * on one machine: SHOP_TEST_PORT_OFFSET=100 moves Postgres to 54430, the app to 3200, and so on.
 */
const testOffset = Number(process.env.SHOP_TEST_PORT_OFFSET ?? 0) || 0;
const shift = (port: number) => port + testOffset;

export const profiles: Record<ProfileName, StackProfile> = {
  dev: {
    name: 'dev',
    dataDir: path.join(root, '.data', 'dev'),
    ports: {
      app: Number(process.env.PORT ?? 3000),
      postgres: 54320,
      redis: 63790,
      bridge: 8079,
      paystack: 8090,
      smtp: 1026,
      mailWeb: 1081,
    },
    database: 'shop',
    redisToken: 'local-dev-upstash-token',
    paystackSecretKey: 'sk_test_localdev0000000000000000000000000000',
    paystackPublicKey: 'pk_test_localdev0000000000000000000000000000',
  },
  test: {
    name: 'test',
    dataDir: path.join(root, '.data', testOffset ? `test-${testOffset}` : 'test'),
    ports: {
      app: shift(3100),
      postgres: shift(54330),
      redis: shift(63791),
      bridge: shift(8089),
      paystack: shift(8091),
      smtp: shift(1027),
      mailWeb: shift(1082),
    },
    database: 'shop_test',
    redisToken: 'local-test-upstash-token',
    paystackSecretKey: 'sk_test_localtest000000000000000000000000000',
    paystackPublicKey: 'pk_test_localtest000000000000000000000000000',
  },
};

export const repoRoot = root;
