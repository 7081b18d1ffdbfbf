// Two `next start` processes of the production build behind the real nginx front, supervised as under `npm start`
// (scripts/stack/app-pool.ts), under an add-to-cart load of plain fetch loops: a process killed with SIGKILL costs no
// request after the first second and comes back by itself; a reload replaces every process with 0 failed requests.
// The load plays many shoppers: each request names its own address in X-Forwarded-For, read with
// TRUSTED_PROXY_HOPS=2 (the driver plays a CDN in front of nginx), so the per-address cart limit never answers 429.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type AppPool, startAppPool } from '../../scripts/stack/app-pool';
import { stackEnv } from '../../scripts/stack/env';
import { profiles, repoRoot } from '../../scripts/stack/profiles';
import { isAlive } from '../../scripts/stack/process';
import { createTestVariants } from '../support/catalog-fixtures';
import { testDatabase } from '../support/db';
import { waitFor } from '../support/wait';
import { expect, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

const { db, sql } = testDatabase(2);
let pool: AppPool;
let variantId = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // Off the test stack's own front (the app port) and its processes: 50 ports above it.
  const port = profiles.test.ports.app + 50;
  const [variant] = await createTestVariants(db, [{ stock: 1_000_000 }]);
  variantId = variant!.id;
  pool = await startAppPool({
    port,
    count: 2,
    dataDir: path.join(profiles.test.dataDir, 'front-processes'),
    mode: 'production',
    env: {
      ...stackEnv(profiles.test),
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      TRUSTED_PROXY_HOPS: '2',
      // Jobs run in the test stack's own app: these processes must not claim the outbox rows other specs wait on.
      JOBS_DRIVER: 'inngest',
      INNGEST_EVENT_KEY: 'e2e-unused-event-key',
      INNGEST_SIGNING_KEY: `signkey-test-${'0'.repeat(64)}`,
    },
  });
});

test.afterAll(async () => {
  await pool?.stop();
  await sql.end();
});

interface Answer {
  at: number;
  ok: boolean;
  outcome: string;
}

/**
 * Add-to-cart requests from `connections` loops until `until()` says stop (bounded by `maxMs`): a new shopper (own
 * address, no cookie) per request, as in bench/scenarios/add-to-cart.ts.
 */
function addToCartLoad(opts: { connections: number; maxMs: number; block: number }) {
  const answers: Answer[] = [];
  const resends: string[] = [];
  let stopped = false;
  let next = 0;
  const deadline = Date.now() + opts.maxMs;
  const loop = async () => {
    while (!stopped && Date.now() < deadline) {
      const index = next++;
      const address = `10.${opts.block}.${(index >> 8) & 255}.${index & 255}`;
      const send = () =>
        fetch(`${pool.url}/api/cart/items`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
          body: JSON.stringify({ variantId, quantity: 1 }),
        });
      try {
        // As a browser does (Chromium resends a request whose reused keep-alive connection closed before any byte of
        // an answer): an nginx worker retiring at a reload closes its idle client connections, and a request written
        // into one at that instant was never read. Once, and counted; any HTTP answer is final.
        const response = await send().catch((error: Error & { cause?: { code?: string } }) => {
          resends.push(error.cause?.code ?? error.message);
          return send();
        });
        const reply = (await response.json().catch(() => null)) as { lines?: unknown[]; error?: { code?: string } } | null;
        const ok = response.status === 200 && reply?.lines?.length === 1;
        answers.push({ at: Date.now(), ok, outcome: `${response.status}${reply?.error?.code ? ` ${reply.error.code}` : ''}` });
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        answers.push({ at: Date.now(), ok: false, outcome: `${(error as Error).message}${cause ? ` (${cause})` : ''}` });
      }
    }
  };
  const done = Promise.all(Array.from({ length: opts.connections }, loop));
  return {
    answers,
    resends,
    okCount: () => answers.filter((answer) => answer.ok).length,
    async stop() {
      stopped = true;
      await done;
      return answers;
    },
  };
}

test('a process killed with SIGKILL under load: no request fails after the first second, and it comes back', async () => {
  test.setTimeout(120_000);
  const load = addToCartLoad({ connections: 8, maxMs: 90_000, block: 1 });
  await waitFor('the load to get going', () => (load.okCount() >= 100 ? true : undefined), 30_000);
  const victim = pool.processes()[0]!;
  process.kill(victim.pid, 'SIGKILL');
  const killedAt = Date.now();
  const back = await waitFor(
    'the supervisor to restart it',
    () => {
      const now = pool.processes().find((info) => info.port === victim.port);
      return now && now.pid !== victim.pid && now.healthy ? now : undefined;
    },
    60_000,
  );
  // Enough traffic with both processes back in the rotation to see it served.
  const atBack = load.okCount();
  await waitFor('load after the restart', () => (load.okCount() >= atBack + 200 ? true : undefined), 30_000);
  const answers = await load.stop();

  const lateFailures = answers.filter((answer) => !answer.ok && answer.at > killedAt + 1_000);
  expect(lateFailures.map((answer) => answer.outcome)).toEqual([]);
  expect(isAlive(victim.pid)).toBe(false);
  expect(back.restarts).toBe(1);
  expect((await fetch(`http://127.0.0.1:${back.port}/api/health/live`)).status).toBe(200);
  test.info().annotations.push({
    type: 'kill -9',
    description: `${answers.length} requests, ${answers.filter((a) => !a.ok).length} failed (all within 1 s of the kill), ${load.resends.length} resent; back after ${Date.now() - killedAt} ms at most`,
  });
});

test('a reload under load replaces every process with 0 failed requests', async () => {
  test.setTimeout(120_000);
  const before = pool.processes();
  const load = addToCartLoad({ connections: 8, maxMs: 90_000, block: 2 });
  await waitFor('the load to get going', () => (load.okCount() >= 100 ? true : undefined), 30_000);
  await pool.reload();
  const atReloaded = load.okCount();
  await waitFor('load after the reload', () => (load.okCount() >= atReloaded + 100 ? true : undefined), 30_000);
  const answers = await load.stop();

  expect(answers.filter((answer) => !answer.ok).map((answer) => answer.outcome)).toEqual([]);
  const after = pool.processes();
  expect(after).toHaveLength(2);
  for (const old of before) expect(isAlive(old.pid)).toBe(false);
  const buildOnDisk = readFileSync(path.join(repoRoot, stackEnv(profiles.test).NEXT_DIST_DIR ?? '.next', 'BUILD_ID'), 'utf8').trim();
  for (const info of after) {
    expect(before.map((old) => old.pid)).not.toContain(info.pid);
    expect(info.buildId).toBe(buildOnDisk);
    expect((await fetch(`http://127.0.0.1:${info.port}/api/health/live`)).status).toBe(200);
  }
  test.info().annotations.push({
    type: 'reload',
    description: `${answers.length} requests during the reload, none failed; ${load.resends.length} resent after a closed keep-alive connection (${load.resends.join(', ')})`,
  });
});
