// The same three scenarios against this shop, Vendure 3.7.3 and Medusa 2.21.2, one system at a time, written side by
// side to bench/compare/RESULTS.md. The peers are installed, started and stopped by ../shared/peers (this file only
// calls those scripts) and driven by its drivers (conc.mjs, atc.mjs, plp.mjs), which print one JSON line each.
//
//   npm run bench:compare [-- --only ours,vendure,medusa] [--peers DIR] [--skip-setup] [--url URL --database-url URL]
//
// --peers DIR   a setup.sh directory (default /tmp/shop-peers, created with setup.sh when missing; about 2 min)
// --skip-setup  use DIR as it is: fail instead of running setup.sh
// --url, --database-url   measure a running shop instead of starting the isolated bench stack
//                         (SHOP_TEST_PORT_OFFSET=900, NEXT_DIST_DIR=.next-compare unless set)
// --out FILE    where the report goes (default bench/compare/RESULTS.md)
//
// Importable: runPeerScenarios(dir) and runOurScenarios(target) return structured figures, formatCompareTable(results)
// renders the side-by-side table, so another orchestrator can put the peer columns next to its own figures.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { checkout, fillCart } from '../support/shoppers';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
export const PEERS_HOME = process.env.PEERS_HOME ?? path.resolve(repoRoot, '..', 'shared', 'peers');
export const DEFAULT_PEERS_DIR = '/tmp/shop-peers';
const DRIVERS = path.join(PEERS_HOME, 'drivers');
const TSX = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export const SCENARIOS = {
  flashSale: { buyers: 100, units: 50 },
  addToCart: { conns: 16, secs: 10 },
  listing: { conns: 32, secs: 10 },
  floor: { conns: 32, secs: 10 },
};
export type Scenarios = typeof SCENARIOS;

export type SystemName = 'ours' | 'vendure' | 'medusa';
export type PeerName = Exclude<SystemName, 'ours'>;
export const SYSTEM_LABELS: Record<SystemName, string> = { ours: 'this shop', vendure: 'Vendure 3.7.3', medusa: 'Medusa 2.21.2' };

/** One closed-loop load run (atc.mjs, plp.mjs, floor.ts): successful requests per second and latency of all requests. */
export interface LoadFigures {
  ok_per_s: number;
  p50_ms: number;
  p99_ms: number;
  ok: number;
  bad: number;
}

/** One flash sale, in flash-sale.sh's output shape: orders and units come from the system's own database. */
export interface FlashSaleFigures {
  buyers: number;
  units: number;
  secs: number;
  orders: number;
  oversold: number;
  undersold: number;
  errors_by_class: Record<string, number>;
  checkouts_per_min: number;
  flow_p50_ms: number;
  flow_p99_ms: number;
  ok_responses: number;
  stock_after: Record<string, number>;
  /** Ours only: how much the variant's reserved counter grew during the run. */
  held_delta?: number;
}

export interface SystemResult {
  system: SystemName;
  flashSale?: FlashSaleFigures;
  addToCart?: LoadFigures;
  listing?: LoadFigures;
  floor?: LoadFigures & { endpoint: string };
  /** Wall time for this system: start, warm-up, scenarios, stop. */
  seconds: number;
  /** /proc/loadavg when the system's turn began: other work on the machine shows here. */
  loadavgBefore: string;
  notes: string[];
  error?: string;
}
export type CompareResults = Partial<Record<SystemName, SystemResult>>;

// ---------------------------------------------------------------------------------------------------------------
// Child processes: drivers and peer scripts. Always asynchronous, so a bench stack in this process keeps serving.

type Env = Record<string, string | undefined>;
const children = new Set<ChildProcess>();

/** Runs a command, stderr to ours, and resolves with its stdout; rejects on a non-zero exit or after `timeoutMs`. */
/**
 * The environment without what `npm run` adds (npm_config_* from this project's .npmrc, npm_package_*, …): the
 * peers' own `npm install` must not inherit the shop's strict-allow-scripts=true, which fails their installs
 * (bcrypt, @apollo/protobufjs, esbuild … have install scripts). From a plain shell there is nothing to drop.
 */
function shellEnv(): NodeJS.ProcessEnv {
  if (!process.env.npm_lifecycle_event) return process.env;
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_'))) as NodeJS.ProcessEnv;
}

function run(cmd: string, args: string[], opts: { env?: Env; cwd?: string; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...shellEnv(), ...opts.env } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'inherit'] });
    children.add(child);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 10 * 60_000);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      if (code === 0) resolve(out);
      else reject(new Error(`${path.basename(cmd)} ${args.join(' ')} exited with ${code ?? signal}\n${out.slice(-2000)}`));
    });
  });
}

/** The last line of a driver's stdout that is a JSON object. */
function lastJson<T>(stdout: string): T {
  const line = stdout
    .trim()
    .split('\n')
    .reverse()
    .find((candidate) => candidate.startsWith('{'));
  if (!line) throw new Error(`no JSON line in the driver's output:\n${stdout.slice(-2000)}`);
  return JSON.parse(line) as T;
}

const driver = async <T>(file: string, args: Array<string | number>, env: Env) =>
  lastJson<T>(await run(process.execPath, [path.join(DRIVERS, file), ...args.map(String)], { env, cwd: DRIVERS }));

const floorDriver = async (url: string, s: Scenarios['floor']) =>
  lastJson<LoadFigures>(await run(process.execPath, [TSX, path.join(here, 'floor.ts'), url, String(s.conns), String(s.secs)]));

const peerScript = (name: string, args: Array<string | number>, env?: Env) =>
  run(path.join(PEERS_HOME, name), args.map(String), { env, timeoutMs: 20 * 60_000 });

/**
 * Runs `body` with `cleanup` guaranteed: after it returns or throws, and on SIGINT/SIGTERM (then the process exits
 * 130 once cleanup is done). Drivers still running are killed first.
 */
async function withCleanup<T>(cleanup: () => Promise<void>, body: () => Promise<T>): Promise<T> {
  const onSignal = () => {
    for (const child of children) child.kill('SIGTERM');
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await body();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
  }
}

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (inUse: boolean) => {
      socket.destroy();
      resolve(inUse);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(1000, () => done(false));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Peers

/** What lib.sh computes for DIR (ports from DIR/env.sh unless overridden in the environment, URLs, ids files). */
export interface PeerEnv {
  PG_PORT: string;
  VENDURE_PORT: string;
  MEDUSA_PORT: string;
  VENDURE_URL: string;
  MEDUSA_URL: string;
  VENDURE_IDS: string;
  MEDUSA_IDS: string;
  MEDUSA_REDIS: string;
}
const PEER_ENV_KEYS = ['PG_PORT', 'VENDURE_PORT', 'MEDUSA_PORT', 'VENDURE_URL', 'MEDUSA_URL', 'VENDURE_IDS', 'MEDUSA_IDS', 'MEDUSA_REDIS'] as const;

/** Sources lib.sh itself rather than repeating its defaults here. */
export function peerEnv(dir: string): PeerEnv {
  const script = `. "$1" "$2" >/dev/null && printf '%s\\n' ${PEER_ENV_KEYS.map((key) => `"$${key}"`).join(' ')}`;
  const lib = path.join(PEERS_HOME, 'lib.sh');
  const lines = execFileSync('bash', ['-c', script, 'bash', lib, dir], { encoding: 'utf8', env: shellEnv() }).split('\n');
  return Object.fromEntries(PEER_ENV_KEYS.map((key, index) => [key, lines[index] ?? ''])) as unknown as PeerEnv;
}

const peerReady = (dir: string) =>
  existsSync(path.join(dir, 'env.sh')) && existsSync(path.join(dir, 'vendure', 'bench-ids.json')) && existsSync(path.join(dir, 'medusa', 'bench-ids.json'));

/** setup.sh DIR unless DIR already holds both peers (setup.sh is idempotent, but a second run still starts Postgres). */
export async function ensurePeers(dir: string, opts: { skipSetup?: boolean } = {}): Promise<{ ran: boolean; seconds: number }> {
  if (peerReady(dir)) return { ran: false, seconds: 0 };
  if (opts.skipSetup) throw new Error(`${dir} is not a set-up peers directory (run ${PEERS_HOME}/setup.sh ${dir}, or drop --skip-setup)`);
  console.log(`setting up Vendure and Medusa in ${dir} (setup.sh, about 2 minutes the first time)…`);
  const started = performance.now();
  // setup.sh starts the peers' Postgres and stops it at the end, but not when a step fails: stop.sh DIR then.
  let ok = false;
  await withCleanup(
    async () => void (ok || (await peerScript('stop.sh', [dir]))),
    async () => {
      await peerScript('setup.sh', [dir]);
      ok = true;
    },
  );
  return { ran: true, seconds: seconds(started) };
}

/**
 * Vendure's worker picks up jobs queued by the requests (search-index updates after orders, …) and keeps working after
 * the driver is done. Wait until its job queue (the job_record table of DefaultJobQueuePlugin) has had nothing pending
 * or running for a second, so its work is not billed to the next scenario; give up after a minute.
 */
async function waitVendureQuiet(env: PeerEnv, log: (line: string) => void) {
  const sql = postgres(`postgres://postgres@127.0.0.1:${env.PG_PORT}/vendure`, { max: 1, onnotice: () => {} });
  try {
    const started = performance.now();
    let quietSince = 0;
    while (performance.now() - started < 60_000) {
      const [row] = await sql<[{ n: number }]>`SELECT count(*)::int AS n FROM job_record WHERE state IN ('PENDING', 'RUNNING', 'RETRYING')`;
      if (row!.n > 0) quietSince = 0;
      else if (!quietSince) quietSince = performance.now();
      else if (performance.now() - quietSince >= 1000) {
        log(`vendure worker quiet after ${seconds(started)} s`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    log('vendure worker still busy after 60 s; going on');
  } finally {
    await sql.end();
  }
}

/** One peer: stop whatever of DIR is left, start Postgres + the peer, warm up, the scenarios, stop.sh DIR (always). */
export async function runPeer(dir: string, system: PeerName, scenarios: Scenarios = SCENARIOS): Promise<SystemResult> {
  const log = (line: string) => console.log(`[${system}] ${line}`);
  const env = peerEnv(dir);
  const driverEnv: Env = { ...env };
  const result: SystemResult = { system, seconds: 0, loadavgBefore: loadavg(), notes: [] };
  const started = performance.now();
  const quiet = system === 'vendure' ? () => waitVendureQuiet(env, log) : async () => {};
  const services = ['postgres', system, ...(system === 'medusa' && env.MEDUSA_REDIS === '1' ? ['redis'] : [])];

  await peerScript('stop.sh', [dir]); // anything of DIR's left running by an earlier, interrupted run
  const port = system === 'vendure' ? env.VENDURE_PORT : env.MEDUSA_PORT;
  for (const taken of [env.PG_PORT, port]) {
    // start.sh waits for the port to answer: someone else's server there would be benchmarked instead.
    if (await portInUse(Number(taken))) throw new Error(`port ${taken} is already in use by another program; set PG_PORT/VENDURE_PORT/MEDUSA_PORT`);
  }
  try {
    await withCleanup(
      async () => void (await peerScript('stop.sh', [dir]).catch((error: Error) => log(`stop.sh failed: ${error.message}`))),
      async () => {
        log(`starting ${services.join(', ')}`);
        await peerScript('start.sh', [dir, ...services]);
        log('warm-up: 2 checkouts, 2 s add to cart, 2 s listing');
        await peerScript('flash-sale.sh', [dir, system, 2, 2]);
        await driver('atc.mjs', [system, 2, 2], driverEnv);
        await driver('plp.mjs', [system, 2, 2], driverEnv);
        await quiet();

        const { buyers, units } = scenarios.flashSale;
        log(`flash sale: ${buyers} buyers, ${units} units`);
        result.flashSale = lastJson<FlashSaleFigures>(await peerScript('flash-sale.sh', [dir, system, buyers, units]));
        await quiet();
        log(`add to cart: ${scenarios.addToCart.conns} conns, ${scenarios.addToCart.secs} s`);
        result.addToCart = await driver<LoadFigures>('atc.mjs', [system, scenarios.addToCart.conns, scenarios.addToCart.secs], driverEnv);
        await quiet();
        log(`listing: ${scenarios.listing.conns} conns, ${scenarios.listing.secs} s`);
        result.listing = await driver<LoadFigures>('plp.mjs', [system, scenarios.listing.conns, scenarios.listing.secs], driverEnv);
        await quiet();
        // Both peers have a health route: Vendure's /health asks its database (like our /api/health), Medusa's does not.
        const endpoint = system === 'vendure' ? `http://127.0.0.1:${env.VENDURE_PORT}/health` : `${env.MEDUSA_URL}/health`;
        log(`floor: GET ${endpoint}`);
        result.floor = { ...(await floorDriver(endpoint, scenarios.floor)), endpoint: new URL(endpoint).pathname };
        if (system === 'medusa')
          result.notes.push(env.MEDUSA_REDIS === '1' ? 'Medusa with Redis modules (MEDUSA_REDIS=1)' : 'Medusa with its default in-memory modules');
      },
    );
  } catch (error) {
    result.error = (error as Error).message.split('\n')[0];
    log(`failed: ${(error as Error).message}`);
  }
  result.seconds = seconds(started);
  return result;
}

export interface PeerRun {
  dir: string;
  setup: { ran: boolean; seconds: number };
  results: CompareResults;
}

/** Sets DIR up if needed, then runs every scenario against each peer in turn (each started alone, stopped after). */
export async function runPeerScenarios(
  dir: string = DEFAULT_PEERS_DIR,
  opts: { systems?: PeerName[]; skipSetup?: boolean; scenarios?: Scenarios } = {},
): Promise<PeerRun> {
  const setup = await ensurePeers(dir, opts);
  const results: CompareResults = {};
  for (const system of opts.systems ?? (['vendure', 'medusa'] as const)) results[system] = await runPeer(dir, system, opts.scenarios);
  return { dir, setup, results };
}

// ---------------------------------------------------------------------------------------------------------------
// This shop

export interface ShopTarget {
  url: string;
  databaseUrl: string;
}

/**
 * The scenarios against a running shop. As flash-sale-ours.sh does: the first seeded variant with stock gets UNITS
 * saleable units (stock_on_hand = reserved + UNITS), conc.mjs ours runs, and the database says what was really held.
 * Each buyer takes 1 unit, within any max_per_order (≥ 1 by a check constraint). The add-to-cart variant is another
 * one, the one with the most available stock: adding to a cart holds nothing, so it never runs out.
 */
export async function runOurScenarios(target: ShopTarget, scenarios: Scenarios = SCENARIOS): Promise<SystemResult> {
  const log = (line: string) => console.log(`[ours] ${line}`);
  const result: SystemResult = { system: 'ours', seconds: 0, loadavgBefore: loadavg(), notes: [] };
  const started = performance.now();
  const sql = postgres(target.databaseUrl, { max: 2, onnotice: () => {} });
  try {
    const purchasable = () => sql`v.archived_at IS NULL AND p.status = 'active' AND v.stock_on_hand - v.reserved > 0`;
    const [hot] = await sql<{ id: string; sku: string; max_per_order: number }[]>`
      SELECT v.id, v.sku, v.max_per_order FROM product_variants v JOIN products p ON p.id = v.product_id
      WHERE ${purchasable()} ORDER BY v.sku LIMIT 1`;
    if (!hot) throw new Error('no purchasable variant with stock: is the database seeded?');
    const [cartVariant] = await sql<{ id: string; sku: string }[]>`
      SELECT v.id, v.sku FROM product_variants v JOIN products p ON p.id = v.product_id
      WHERE ${purchasable()} AND v.id <> ${hot.id} ORDER BY v.stock_on_hand - v.reserved DESC, v.sku LIMIT 1`;
    if (!cartVariant) throw new Error('no second purchasable variant for add to cart');
    const env = { OURS_URL: target.url, OURS_VARIANT: cartVariant.id };
    result.notes.push(`flash-sale variant ${hot.sku} (max ${hot.max_per_order} per order), add-to-cart variant ${cartVariant.sku}`);

    log('warm-up: 1 checkout, 2 s add to cart, 2 s listing');
    const warm = await fillCart(target.url, cartVariant.id, '10.255.255.250');
    const warmed = await checkout(target.url, warm, -1, 'compare-warm-up');
    if (warmed.status !== 201) throw new Error(`warm-up checkout answered ${warmed.status} ${warmed.code}`);
    await driver('atc.mjs', ['ours', 2, 2], env);
    await driver('plp.mjs', ['ours', 2, 2], env);

    const { buyers, units } = scenarios.flashSale;
    log(`flash sale: ${buyers} buyers, ${units} units of ${hot.sku}`);
    const [{ mark }] = await sql<[{ mark: string }]>`SELECT now()::text AS mark`;
    const [{ reserved: r0 }] = await sql<[{ reserved: number }]>`
      UPDATE product_variants SET stock_on_hand = reserved + ${units}, version = version + 1 WHERE id = ${hot.id} RETURNING reserved`;
    const sale = await driver<{ secs: number; ok: number; flow_p50_ms: number; flow_p99_ms: number; errors: Record<string, number> }>(
      'conc.mjs',
      ['ours', buyers],
      { ...env, OURS_VARIANT: hot.id },
    );
    const [db] = await sql<[{ orders: number; sold: number; on_hand: number; reserved: number }]>`
      SELECT count(DISTINCT o.id)::int AS orders, coalesce(sum(i.quantity), 0)::int AS sold,
        (SELECT stock_on_hand FROM product_variants WHERE id = ${hot.id}) AS on_hand,
        (SELECT reserved FROM product_variants WHERE id = ${hot.id}) AS reserved
      FROM orders o JOIN order_items i ON i.order_id = o.id
      WHERE i.variant_id = ${hot.id} AND o.created_at >= ${mark}::timestamptz`;
    result.flashSale = {
      buyers,
      units,
      secs: sale.secs,
      orders: db.orders,
      oversold: Math.max(0, db.sold - units),
      undersold: Math.max(0, Math.min(buyers, units) - db.sold),
      held_delta: db.reserved - r0,
      errors_by_class: sale.errors,
      checkouts_per_min: Math.round((db.orders / sale.secs) * 60),
      flow_p50_ms: sale.flow_p50_ms,
      flow_p99_ms: sale.flow_p99_ms,
      ok_responses: sale.ok,
      stock_after: { on_hand: db.on_hand, reserved: db.reserved },
    };

    log(`add to cart: ${scenarios.addToCart.conns} conns, ${scenarios.addToCart.secs} s`);
    result.addToCart = await driver<LoadFigures>('atc.mjs', ['ours', scenarios.addToCart.conns, scenarios.addToCart.secs], env);
    log(`listing: ${scenarios.listing.conns} conns, ${scenarios.listing.secs} s`);
    result.listing = await driver<LoadFigures>('plp.mjs', ['ours', scenarios.listing.conns, scenarios.listing.secs], env);
    log('floor: GET /api/health');
    result.floor = { ...(await floorDriver(`${target.url}/api/health`, scenarios.floor)), endpoint: '/api/health' };
  } catch (error) {
    result.error = (error as Error).message.split('\n')[0];
    log(`failed: ${(error as Error).message}`);
  } finally {
    await sql.end();
  }
  result.seconds = seconds(started);
  return result;
}

/**
 * The isolated bench stack (bench/support/bench-stack.ts) on SHOP_TEST_PORT_OFFSET=900 with its own build folder
 * (.next-compare), the scenarios, then the stack stopped (also on Ctrl-C). The offset is read when scripts/stack
 * first loads, so a caller that already loaded it at another offset gets that one.
 */
export async function runOursWithBenchStack(scenarios: Scenarios = SCENARIOS): Promise<SystemResult> {
  process.env.SHOP_TEST_PORT_OFFSET ??= '900';
  const { startBenchStack } = await import('../support/bench-stack');
  const loadavgBefore = loadavg();
  const started = performance.now();
  console.log(`[ours] starting the bench stack (offset ${process.env.SHOP_TEST_PORT_OFFSET}; next build if sources changed)…`);
  let stack: Awaited<ReturnType<typeof startBenchStack>> | undefined;
  const stop = async () => {
    const running = stack;
    stack = undefined;
    await running?.stop();
  };
  try {
    return await withCleanup(stop, async () => {
      stack = await startBenchStack({ appEnv: { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? '.next-compare' } });
      const result = await runOurScenarios({ url: stack.appUrl, databaseUrl: stack.env.DATABASE_URL }, scenarios);
      result.notes.push(
        `fresh bench stack (next start, port offset ${process.env.SHOP_TEST_PORT_OFFSET}), ${seconds(started)} s including build and scenarios`,
      );
      return { ...result, loadavgBefore, seconds: seconds(started) };
    });
  } catch (error) {
    return { system: 'ours', seconds: seconds(started), loadavgBefore, notes: [], error: (error as Error).message.split('\n')[0] };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Report

interface Row {
  scenario: string;
  figure: string;
  value: (result: SystemResult) => number | undefined;
  /** Whether shop ÷ peer means something (rates and latencies; not counts that should be 0). */
  ratio: boolean;
  digits?: number;
}

const perFloor = (load: LoadFigures | undefined, floor: LoadFigures | undefined) => (load && floor?.ok_per_s ? load.ok_per_s / floor.ok_per_s : undefined);

function rows(s: Scenarios): Row[] {
  const sale = `flash sale, ${s.flashSale.buyers} buyers / ${s.flashSale.units} units`;
  const atc = `add to cart (new cart), ${s.addToCart.conns} conns × ${s.addToCart.secs} s`;
  const plp = `catalogue listing, ${s.listing.conns} conns × ${s.listing.secs} s`;
  const floor = `HTTP floor, ${s.floor.conns} conns × ${s.floor.secs} s`;
  return [
    { scenario: sale, figure: 'orders placed (DB)', value: (r) => r.flashSale?.orders, ratio: false },
    { scenario: sale, figure: 'units oversold', value: (r) => r.flashSale?.oversold, ratio: false },
    { scenario: sale, figure: 'units undersold', value: (r) => r.flashSale?.undersold, ratio: false },
    { scenario: sale, figure: 'failed flows (client)', value: (r) => r.flashSale && r.flashSale.buyers - r.flashSale.ok_responses, ratio: false },
    { scenario: sale, figure: 'checkouts/min', value: (r) => r.flashSale?.checkouts_per_min, ratio: true },
    { scenario: sale, figure: 'flow p50 ms', value: (r) => r.flashSale?.flow_p50_ms, ratio: true },
    { scenario: sale, figure: 'flow p99 ms', value: (r) => r.flashSale?.flow_p99_ms, ratio: true },
    { scenario: atc, figure: 'ok/s', value: (r) => r.addToCart?.ok_per_s, ratio: true, digits: 1 },
    { scenario: atc, figure: 'p50 ms', value: (r) => r.addToCart?.p50_ms, ratio: true },
    { scenario: atc, figure: 'p99 ms', value: (r) => r.addToCart?.p99_ms, ratio: true },
    { scenario: atc, figure: 'failed requests', value: (r) => r.addToCart?.bad, ratio: false },
    { scenario: plp, figure: 'ok/s', value: (r) => r.listing?.ok_per_s, ratio: true, digits: 1 },
    { scenario: plp, figure: 'p50 ms', value: (r) => r.listing?.p50_ms, ratio: true },
    { scenario: plp, figure: 'p99 ms', value: (r) => r.listing?.p99_ms, ratio: true },
    { scenario: plp, figure: 'failed requests', value: (r) => r.listing?.bad, ratio: false },
    { scenario: floor, figure: 'ok/s', value: (r) => r.floor?.ok_per_s, ratio: true, digits: 1 },
    { scenario: floor, figure: 'p50 ms', value: (r) => r.floor?.p50_ms, ratio: true },
    { scenario: floor, figure: 'p99 ms', value: (r) => r.floor?.p99_ms, ratio: true },
    { scenario: 'against the own floor', figure: 'add to cart ok/s ÷ floor ok/s', value: (r) => perFloor(r.addToCart, r.floor), ratio: true, digits: 3 },
    { scenario: 'against the own floor', figure: 'listing ok/s ÷ floor ok/s', value: (r) => perFloor(r.listing, r.floor), ratio: true, digits: 3 },
  ];
}

const cell = (value: number | undefined, digits = 0) => (value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits));
const ratioCell = (ours: number | undefined, peer: number | undefined) => (ours === undefined || !peer ? '—' : (ours / peer).toFixed(2));

/** The side-by-side table: rows = scenario/figure; columns = this shop, Vendure, Medusa, shop ÷ Vendure, shop ÷ Medusa. */
export function formatCompareTable(results: CompareResults, scenarios: Scenarios = SCENARIOS): string {
  const none: SystemResult = { system: 'ours', seconds: 0, loadavgBefore: '', notes: [] };
  const [ours, vendure, medusa] = (['ours', 'vendure', 'medusa'] as const).map((system) => results[system] ?? none);
  const lines = [
    '| scenario | figure | this shop | Vendure 3.7.3 | Medusa 2.21.2 | shop ÷ Vendure | shop ÷ Medusa |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  let previous = '';
  for (const row of rows(scenarios)) {
    const [o, v, m] = [ours, vendure, medusa].map((result) => row.value(result!));
    const scenario = row.scenario === previous ? '' : row.scenario;
    previous = row.scenario;
    const ratios = row.ratio ? [ratioCell(o, v), ratioCell(o, m)] : ['', ''];
    lines.push(`| ${scenario} | ${row.figure} | ${cell(o, row.digits)} | ${cell(v, row.digits)} | ${cell(m, row.digits)} | ${ratios.join(' | ')} |`);
  }
  return lines.join('\n');
}

export function machine() {
  const cpus = os.cpus();
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).stdout.trim();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    ramGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    commit: `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? ' (with uncommitted changes)' : ''}`,
    date: new Date().toISOString(),
  };
}

function verdicts(results: CompareResults): string {
  const out: string[] = [];
  for (const system of ['ours', 'vendure', 'medusa'] as const) {
    const result = results[system];
    if (!result) continue;
    out.push(`### ${SYSTEM_LABELS[system]}`, '');
    if (result.error) out.push(`- **failed**: ${result.error}`);
    const sale = result.flashSale;
    if (sale) {
      out.push(
        `- flash sale: ${sale.orders} orders for ${sale.units} units and ${sale.buyers} buyers → oversold ${sale.oversold}, undersold ${sale.undersold}; ` +
          `${sale.ok_responses} flows succeeded for the client in ${sale.secs} s; stock after: ${JSON.stringify(sale.stock_after)}` +
          (sale.held_delta === undefined ? '' : `; reserved grew by ${sale.held_delta}`),
      );
      const classes = Object.entries(sale.errors_by_class).sort((a, b) => b[1] - a[1]);
      out.push(`- error classes: ${classes.length ? classes.map(([name, n]) => `${n} × \`${name}\``).join(', ') : 'none'}`);
    }
    if (result.floor) out.push(`- floor endpoint: \`GET ${result.floor.endpoint}\``);
    for (const note of result.notes) out.push(`- ${note}`);
    out.push(`- wall time ${result.seconds} s (start, warm-up, scenarios, stop); load average before: ${result.loadavgBefore}`, '');
  }
  return out.join('\n');
}

export function formatResults(results: CompareResults, extra: { setup?: { ran: boolean; seconds: number }; peersDir?: string; totalSeconds: number }): string {
  const m = machine();
  const setup = extra.setup ? (extra.setup.ran ? `setup.sh ran in ${extra.setup.seconds} s` : 'setup.sh not needed (DIR already set up)') : 'peers not run';
  return `# This shop next to Vendure 3.7.3 and Medusa 2.21.2

Written by \`npm run bench:compare\` (bench/compare/run.ts); see bench/compare/README.md for what each figure means.

- date: ${m.date}
- commit: ${m.commit}
- machine: ${m.cpus} × ${m.cpuModel}, ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node}
- peers: ${extra.peersDir ?? '—'} (${setup}); total wall time ${extra.totalSeconds} s
- one system at a time; each got a short warm-up (2 checkouts or 1, 2 s add to cart, 2 s listing) before its figures

Ratios are shop ÷ peer: above 1 for ok/s and checkouts/min means the shop did more; below 1 for latencies means the shop
was faster.

${formatCompareTable(results)}

## Verdicts

${verdicts(results)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// CLI

async function main() {
  const { values: args } = parseArgs({
    options: {
      only: { type: 'string', default: 'ours,vendure,medusa' },
      peers: { type: 'string', default: DEFAULT_PEERS_DIR },
      'skip-setup': { type: 'boolean', default: false },
      url: { type: 'string' },
      'database-url': { type: 'string' },
      out: { type: 'string', default: path.join(here, 'RESULTS.md') },
    },
  });
  const only = args.only.split(',').map((name) => name.trim()) as SystemName[];
  const unknown = only.filter((name) => !(name in SYSTEM_LABELS));
  if (unknown.length) throw new Error(`--only: unknown system(s) ${unknown.join(', ')} (ours, vendure, medusa)`);
  if (args.url && !args['database-url']) throw new Error('--url needs --database-url, to read the verdict from the database');
  const peersDir = path.resolve(args.peers);
  const started = performance.now();
  const results: CompareResults = {};
  let setup: { ran: boolean; seconds: number } | undefined;
  // Setup first, so that installing the peers never overlaps a measurement.
  if (only.some((name) => name !== 'ours')) setup = await ensurePeers(peersDir, { skipSetup: args['skip-setup'] });
  for (const system of only) {
    if (system === 'ours') {
      results.ours = args.url ? await runOurScenarios({ url: args.url.replace(/\/$/, ''), databaseUrl: args['database-url']! }) : await runOursWithBenchStack();
    } else {
      results[system] = await runPeer(peersDir, system);
    }
  }
  const report = formatResults(results, { setup, peersDir: setup ? peersDir : undefined, totalSeconds: seconds(started) });
  writeFileSync(args.out, report);
  console.log(`\n${formatCompareTable(results)}\n\nwritten to ${path.relative(process.cwd(), args.out)}`);
  return Object.values(results).some((result) => result.error) ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(await main());
