// Starts a fresh bench stack in this process, runs scenarios in the load driver (bench/driver.ts, a child process),
// samples next-server's memory during each, and stops the stack again.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DriverMessage } from '../driver';
import { references, scenarios } from '../scenarios';
import { profiled } from '../scenarios/profiled';
import { startBenchStack } from './bench-stack';
import { findNextServer, sampleRss } from './process';
import type { ScenarioRun } from './report';

const driverFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'driver.ts');
const titles = new Map([...references, ...scenarios, ...profiled].map((scenario) => [scenario.name, scenario.title]));

export async function driveScenarios(names: string[], opts: { nodeArgs?: string[]; references?: boolean } = {}): Promise<ScenarioRun[]> {
  console.log('starting a fresh bench stack…');
  const stack = await startBenchStack({ nodeArgs: opts.nodeArgs });
  const appPid = findNextServer(stack.appPid);
  const runs: ScenarioRun[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const driver = fork(driverFile, [], {
        stdio: 'inherit',
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          // The database-path scenarios call use cases in the driver: their per-event log lines would measure the terminal.
          LOG_LEVEL: 'warn',
          BENCH_STACK_ENV: JSON.stringify(stack.env),
          BENCH_APP_URL: stack.appUrl,
          BENCH_APP_PID: String(appPid),
          BENCH_SCENARIOS: names.join(','),
          BENCH_REFERENCES: opts.references === false ? '0' : '1',
        },
      });
      let current: { began: number; rss: ReturnType<typeof sampleRss> } | undefined;
      driver.on('message', (message: DriverMessage) => {
        if (message.type === 'begin') {
          current = { began: performance.now(), rss: sampleRss(appPid) };
          return;
        }
        const base = {
          name: message.name,
          title: titles.get(message.name) ?? message.name,
          peakRssMb: current?.rss.stop() ?? Number.NaN,
          seconds: current ? (performance.now() - current.began) / 1000 : Number.NaN,
        };
        runs.push(message.type === 'end' ? { ...base, result: message.result } : { ...base, error: message.error });
        if (message.type === 'failed') console.error(`✗ ${message.name} did not finish: ${message.error}`);
        current = undefined;
      });
      driver.once('error', reject);
      driver.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the load driver exited with ${code}`))));
    });
  } finally {
    await stack.stop();
  }
  return runs;
}
