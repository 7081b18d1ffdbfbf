// `npm test`: every layer (unit, integration, e2e) against one freshly started test stack, then one closing line
// `N passed, N failed` summed over all layers. Exit code is non-zero when anything failed or a layer could not run.
// Unit + integration run twice: on the machine's Node (the oldest supported, 20) and again on the pinned Node 24 LTS
// (TEST_ALSO_ON_NODE, scripts/stack/node-runtime.ts), against the same services. Each layer's time is printed at the end.
import { spawn } from 'node:child_process';
import { Redis } from '@upstash/redis';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { createDatabase } from '../db/client';
import { runDependencyAudit } from './dependency-audit';
import { seedDatabase } from './seed/index';
import { buildApp } from './stack/app';
import { appProcessCount, startAppPool } from './stack/app-pool';
import { StackError } from './stack/errors';
import { chromiumPackage, ensureSystemPackage, pdftotextPackage } from './stack/system-packages';
import type { StackEnv } from './stack/env';
import { startStack } from './stack/index';
import { recreateDatabase } from './stack/postgres';
import { ensureNode, type NodeRuntime, nodeMajor } from './stack/node-runtime';
import { profiles, repoRoot } from './stack/profiles';

interface LayerCounts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Every failed test by name, gathered from the layers' JSON reports and printed again just above the closing line. */
const failures: string[] = [];
const firstLine = (text: string | undefined) =>
  stripVTControlCharacters(text ?? '')
    .split('\n')
    .find((line) => line.trim() !== '')
    ?.trim()
    .slice(0, 200) ?? '';

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
  testResults?: Array<{ name: string; message?: string; assertionResults: Array<{ fullName: string; status: string; failureMessages?: string[] }> }>;
}

interface PlaywrightSuite {
  file?: string;
  specs?: Array<{ title: string; line: number; ok: boolean; tests: Array<{ results: Array<{ status: string; error?: { message?: string } }> }> }>;
  suites?: PlaywrightSuite[];
}

function noteVitestFailures(report: VitestReport) {
  for (const file of report.testResults ?? []) {
    const where = path.relative(repoRoot, file.name);
    const failed = file.assertionResults.filter((test) => test.status === 'failed');
    for (const test of failed) failures.push(`${where} › ${test.fullName} — ${firstLine(test.failureMessages?.[0])}`);
    if (failed.length === 0 && file.message) failures.push(`${where} (did not run) — ${firstLine(file.message)}`);
  }
}

function notePlaywrightFailures(suites: PlaywrightSuite[] = [], file = '') {
  for (const suite of suites) {
    const where = suite.file ?? file;
    for (const spec of suite.specs ?? []) {
      if (spec.ok) continue;
      const error = spec.tests.flatMap((test) => test.results).find((result) => result.error)?.error?.message;
      failures.push(`tests/e2e/${where}:${spec.line} › ${spec.title} — ${firstLine(error)}`);
    }
    notePlaywrightFailures(suite.suites, where);
  }
}

const profile = profiles.test;
const resultsDir = path.join(profile.dataDir, 'results');
const log = (line: string) => console.log(`  ${line}`);

/** Each layer's wall time, printed above the closing line: the CI budget is read from it. */
const layerTimes: Array<{ name: string; seconds: number }> = [];
async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    layerTimes.push({ name, seconds: (performance.now() - started) / 1000 });
  }
}

/**
 * The other Node majors unit + integration run on too: TEST_ALSO_ON_NODE, a comma list (default "24"; empty for none,
 * e.g. for a quicker local run). The machine's own major is never run twice.
 */
function otherNodeMajors(): string[] {
  const value = process.env.TEST_ALSO_ON_NODE ?? '24';
  return [...new Set(value.split(',').map((major) => major.trim()))].filter((major) => major !== '' && major !== nodeMajor());
}

function runTool(bin: string, args: string[], env: Record<string, string>, node = process.execPath): Promise<number> {
  const child = spawn(node, [path.join(repoRoot, 'node_modules', bin), ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env, SHOP_STACK_RUNNING: '1' },
    stdio: 'inherit',
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

function readJson(file: string): unknown {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

async function runVitest(env: Record<string, string>, projects: string[], node?: NodeRuntime): Promise<LayerCounts> {
  // A run on another Node names it in its report file and in front of each of its failures.
  const suffix = node ? `-node${nodeMajor(node.version)}` : '';
  const output = path.join(resultsDir, `vitest-${projects.join('-')}${suffix}.json`);
  const projectArgs = projects.flatMap((project) => ['--project', project]);
  const args = ['run', ...projectArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${output}`];
  const code = await runTool('vitest/vitest.mjs', args, env, node?.bin);
  const report = readJson(output) as VitestReport | undefined;
  const label = node ? `[Node ${node.version}] ` : '';
  if (!report) {
    failures.push(`${label}vitest ${projects.join(' + ')} wrote no report (exit ${code})`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
  const before = failures.length;
  noteVitestFailures(report);
  for (let index = before; index < failures.length; index++) failures[index] = `${label}${failures[index]}`;
  // A file that fails to load has no tests to count: count it as a failure so it can never pass silently.
  const brokenFiles = report.numFailedTests === 0 && code !== 0 ? Math.max(report.numFailedTestSuites, 1) : 0;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

async function runPlaywright(env: Record<string, string>): Promise<LayerCounts> {
  const output = path.join(resultsDir, 'playwright.json');
  const code = await runTool('@playwright/test/cli.js', ['test', '--reporter=list,json'], {
    ...env,
    PLAYWRIGHT_JSON_OUTPUT_FILE: output,
  });
  const report = readJson(output) as
    | { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; suites?: PlaywrightSuite[] }
    | undefined;
  if (!report) {
    failures.push(`playwright wrote no report (exit ${code})`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
  notePlaywrightFailures(report.suites);
  const { expected, unexpected, flaky, skipped } = report.stats;
  return { passed: expected, failed: unexpected + flaky + (unexpected === 0 && code !== 0 ? 1 : 0), skipped };
}

/** Lint + format (Biome) and the type check, before any service starts: a failure names itself in one line. */
async function runStaticChecks(): Promise<LayerCounts> {
  const checks = [
    { name: 'lint and format (biome check)', bin: '@biomejs/biome/bin/biome', args: ['check', '.'], fix: 'npm run lint' },
    { name: 'type check (tsc --noEmit)', bin: 'typescript/bin/tsc', args: ['--noEmit'], fix: 'npm run typecheck' },
    // The layer rules in .dependency-cruiser.cjs, over the same folders as `npm run lint:layers`.
    {
      name: 'layer rules (dependency-cruiser)',
      bin: 'dependency-cruiser/bin/dependency-cruise.mjs',
      args: ['--config', '.dependency-cruiser.cjs', '--output-type', 'err', 'app', 'components', 'db', 'lib', 'inngest', 'proxy.ts', 'instrumentation.ts'],
      fix: 'npm run lint:layers',
    },
  ];
  const counts: LayerCounts = { passed: 0, failed: 0, skipped: 0 };
  for (const check of checks) {
    const code = await runTool(check.bin, check.args, {});
    if (code === 0) {
      counts.passed += 1;
      // The app builds of this run (integration's multi-process-cache, e2e) need not type-check the same sources again.
      if (check.bin.startsWith('typescript/')) process.env.BUILD_TYPES_CHECKED = '1';
    } else {
      counts.failed += 1;
      failures.push(`${check.name} — run \`${check.fix}\` to see why`);
      console.log(`\n✖ ${check.name} failed — run \`${check.fix}\` to see why`);
    }
  }
  const audit = await runDependencyAudit();
  counts.passed += audit.passed;
  counts.failed += audit.failed;
  if (audit.failed > 0) failures.push('dependency audit — run `npm audit --omit=dev`');
  // An audit the registry cannot answer is a note (printed above), not a skipped test: the closing line counts tests.
  return counts;
}

async function seedTestData(env: StackEnv) {
  const { db, sql } = createDatabase(env.DATABASE_URL, { max: 1 });
  await seedDatabase(db).finally(() => sql.end());
}

async function resetTestData(env: StackEnv) {
  await recreateDatabase(env.DATABASE_URL);
  await seedTestData(env);
  await new Redis({ url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN }).flushdb();
}

const startedAt = performance.now();

async function main(): Promise<number> {
  rmSync(resultsDir, { recursive: true, force: true });
  // Debian's Chromium for the browser tests: installed the way `npm start` installs redis-server, or one line saying how.
  await ensureSystemPackage(chromiumPackage(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'), log);
  await ensureSystemPackage(pdftotextPackage, log);

  // The other Nodes are fetched (the first time) while the static checks run; a fetch that fails is one named failure.
  const otherNodes = otherNodeMajors().map((major) =>
    ensureNode(major, log).then(
      (node) => ({ major, node }),
      (error: unknown) => ({ major, error: error instanceof Error ? error.message : String(error) }),
    ),
  );

  console.log('▶ static checks (biome, tsc, layer rules, npm audit)');
  const staticChecks = await timed('static checks', runStaticChecks);

  console.log('\nStarting the test stack…');
  // The simulator's line per request would bury the test output, and a failure's name, in a CI log: it goes to a file.
  const stack = await timed('test stack start', () => startStack(profile, { fresh: true, log, simulatorLogFile: path.join(resultsDir, 'paystack-sim.log') }));
  const totals: LayerCounts = { ...staticChecks };
  const add = (counts: LayerCounts) => {
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
  };
  try {
    await seedTestData(stack.env);

    console.log(`\n▶ unit + integration (vitest, Node ${process.versions.node})`);
    add(await timed(`unit + integration, Node ${process.versions.node}`, () => runVitest(stack.env, ['unit', 'integration'])));

    for (const other of await Promise.all(otherNodes)) {
      if ('error' in other) {
        failures.push(`[Node ${other.major}] unit + integration did not run — ${other.error}`);
        add({ passed: 0, failed: 1, skipped: 0 });
        continue;
      }
      const { node } = other;
      console.log(`\n▶ unit + integration again on Node ${node.version} (vitest; same services, data reset)`);
      // The same services, from the same seeded start as the first pass (integration tests may count what they made).
      await resetTestData(stack.env);
      add(await timed(`unit + integration, Node ${node.version}`, () => runVitest(stack.env, ['unit', 'integration'], node)));
    }

    console.log('\n▶ e2e (playwright, Debian Chromium)');
    // Browser tests start from the demo shop as a person would see it, not from what integration tests left behind.
    await resetTestData(stack.env);
    // Usually already built by the integration layer (multi-process-cache builds the same folder): then skipped.
    await timed('app build (skipped when up to date)', () => buildApp(stack.env, log));
    // The browser run's app logs at info into a file, which the log scan then reads for secrets and card data.
    const appLog = path.join(resultsDir, 'e2e-app.log');
    // Through the front, as shoppers reach the shop: nginx on the app port, the app processes behind it.
    const app = await startAppPool({
      port: profile.ports.app,
      count: appProcessCount(process.env.APP_PROCESSES ?? '1'),
      dataDir: profile.dataDir,
      mode: 'production',
      env: { ...stack.env, LOG_LEVEL: 'info' },
      freshDataCache: true,
      logFile: appLog,
    });
    try {
      add(await timed('e2e', () => runPlaywright(stack.env)));
    } finally {
      await app.stop();
    }

    console.log('\n▶ log scan of the e2e run (vitest)');
    add(await timed('log scan', () => runVitest({ ...stack.env, E2E_APP_LOG: appLog }, ['logs'])));
  } finally {
    await stack.stop();
  }

  if (failures.length > 0) {
    console.log(`\nFailed (${failures.length}):`);
    for (const failure of failures) console.log(`  ✖ ${failure}`);
  }
  console.log('\nTime per layer:');
  for (const { name, seconds } of layerTimes) console.log(`  ${seconds.toFixed(0).padStart(5)} s  ${name}`);
  console.log(`  ${((performance.now() - startedAt) / 1000).toFixed(0).padStart(5)} s  npm test in all`);
  const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
  console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
  return totals.failed > 0 || totals.passed === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`\n✖ ${error instanceof StackError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  },
);
