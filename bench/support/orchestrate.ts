// Starts a fresh bench stack in this process, runs scenarios in the load driver (bench/driver.ts, a child process),
// samples the app processes' memory during each, and stops the stack again. With more than one app process count
// (`npm run bench -- --processes 1,2`), the first pass runs everything asked for; then, for each further count, only the
// app processes and the front are restarted (PostgreSQL, Redis, the bridge and the simulator keep running) and the
// scaled scenarios run again, after the floor as a warm-up, read against the first pass's floor.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DriverMessage } from '../driver';
import { references, scaled, scenarios } from '../scenarios';
import { profiled } from '../scenarios/profiled';
import type { NodeRuntime } from '../../scripts/stack/node-runtime';
import { type BenchStack, startBenchStack } from './bench-stack';
import { sampleRss } from './process';
import type { ScenarioRun } from './report';

const driverFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'driver.ts');
const titles = new Map([...references, ...scenarios, ...profiled].map((scenario) => [scenario.name, scenario.title]));

/** One load driver over the running stack: the scenarios `names` after the references `first`. */
function drive(stack: BenchStack, names: string[], first: string[], floor: unknown): Promise<ScenarioRun[]> {
  const pids = stack.pids();
  const processes = stack.processes();
  const runs: ScenarioRun[] = [];
  return new Promise<ScenarioRun[]>((resolve, reject) => {
    const driver = fork(driverFile, [], {
      stdio: 'inherit',
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        // The database-path scenarios call use cases in the driver: their per-event log lines would measure the terminal.
        LOG_LEVEL: 'warn',
        BENCH_STACK_ENV: JSON.stringify(stack.env),
        BENCH_APP_URL: stack.appUrl,
        BENCH_PIDS: JSON.stringify(pids),
        BENCH_SCENARIOS: names.join(','),
        BENCH_REFERENCES: first.join(','),
        ...(floor ? { BENCH_FLOOR: JSON.stringify(floor) } : {}),
      },
    });
    let current: { began: number; rss: ReturnType<typeof sampleRss> } | undefined;
    driver.on('message', (message: DriverMessage) => {
      if (message.type === 'begin') {
        current = { began: performance.now(), rss: sampleRss(pids.app) };
        return;
      }
      const base = {
        name: message.name,
        title: titles.get(message.name) ?? message.name,
        processes,
        peakRssMb: current?.rss.stop() ?? Number.NaN,
        seconds: current ? (performance.now() - current.began) / 1000 : Number.NaN,
      };
      runs.push(message.type === 'end' ? { ...base, result: message.result } : { ...base, error: message.error });
      if (message.type === 'failed') console.error(`✗ ${message.name} did not finish: ${message.error}`);
      current = undefined;
    });
    driver.once('error', reject);
    driver.once('exit', (code) => (code === 0 ? resolve(runs) : reject(new Error(`the load driver exited with ${code}`))));
  });
}

/**
 * `processes`: the app process counts to run at, the first for everything (default: APP_PROCESSES, else 1); each
 * further one only for the scaled scenarios among `names` (flash sale, add to cart, catalogue).
 */
export async function driveScenarios(
  names: string[],
  opts: { nodeArgs?: string[]; references?: boolean; processes?: number[]; node?: NodeRuntime } = {},
): Promise<ScenarioRun[]> {
  const firstCount = opts.processes?.[0];
  const moreCounts = opts.processes?.slice(1) ?? [];
  console.log(`starting a fresh bench stack${firstCount ? ` (${firstCount} app process${firstCount === 1 ? '' : 'es'})` : ''}…`);
  const stack = await startBenchStack({ nodeArgs: opts.nodeArgs, processes: firstCount, node: opts.node });
  const runs: ScenarioRun[] = [];
  try {
    runs.push(...(await drive(stack, names, opts.references === false ? [] : references.map((reference) => reference.name), undefined)));
    const again = names.filter((name) => scaled.includes(name));
    const floor = runs.find((run) => run.name === 'floor')?.result?.data;
    for (const count of again.length > 0 ? moreCounts : []) {
      console.log(`\nrestarting the app with ${count} processes behind the front (PostgreSQL, Redis and the rest keep running)…`);
      try {
        await stack.restartApp(count);
      } catch (error) {
        // The passes already run keep their results; the ones that could not run are reported as such.
        const reason = `the app did not start with ${count} processes: ${(error as Error).message}`;
        console.error(`✗ ${reason}`);
        for (const name of again) runs.push({ name, title: titles.get(name) ?? name, processes: count, peakRssMb: Number.NaN, seconds: 0, error: reason });
        break;
      }
      runs.push(...(await drive(stack, again, ['floor'], floor)));
    }
  } finally {
    await stack.stop();
  }
  return runs;
}
