// The load driver: a child process of bench/run.ts, so hundreds of requests in flight never share an event loop with
// the in-process Paystack simulator and Upstash bridge. Runs the scenarios it is given, in order, and reports each
// to the parent (which samples the app's memory meanwhile).
import { createDatabase } from '../db/client';
import type { BenchContext, ScenarioResult } from './support/context';
import type { LoadSummary } from './support/load';
import type { PartPids } from './support/parts';
import { references, scenarios } from './scenarios';
import { profiled } from './scenarios/profiled';

export type DriverMessage =
  | { type: 'begin'; name: string }
  | { type: 'end'; name: string; result: ScenarioResult }
  | { type: 'failed'; name: string; error: string };

const send = (message: DriverMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

const env = JSON.parse(process.env.BENCH_STACK_ENV!) as Record<string, string>;
const wanted = process.env.BENCH_SCENARIOS!.split(',');
const { db, sql } = createDatabase(env.DATABASE_URL!, { max: 20 });
// The stack's processes come from the parent (which is the bench process); the driver is this one.
const pids: PartPids = { ...(JSON.parse(process.env.BENCH_PIDS!) as Omit<PartPids, 'driver'>), driver: process.pid };
// A pass at a further app process count reads its figures against the first pass's floor.
const floor = process.env.BENCH_FLOOR ? (JSON.parse(process.env.BENCH_FLOOR) as { load: LoadSummary; cpuMsPerRequest: number; bare?: LoadSummary }) : undefined;
const context: BenchContext = {
  appUrl: process.env.BENCH_APP_URL!,
  pids,
  db,
  env,
  floor: floor?.load,
  floorCpuMs: floor?.cpuMsPerRequest,
  bareFloor: floor?.bare,
  log: (line) => console.log(line),
};

try {
  // The floor and the anchor come first in every run; a profiling run records only the path it profiles, a pass at a
  // further app process count only the floor (which warms its processes).
  const first = references.filter((reference) => process.env.BENCH_REFERENCES!.split(',').includes(reference.name));
  for (const scenario of [...first, ...[...scenarios, ...profiled].filter((candidate) => wanted.includes(candidate.name))]) {
    console.log(`▶ ${scenario.title}`);
    await send({ type: 'begin', name: scenario.name });
    try {
      await send({ type: 'end', name: scenario.name, result: await scenario.run(context) });
    } catch (error) {
      await send({ type: 'failed', name: scenario.name, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }
} finally {
  await sql.end();
}
