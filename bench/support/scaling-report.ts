// The report's section on app processes: the scaled scenarios' loads at each app process count side by side (throughput,
// p99, CPU ms per request of each part of the stack, busy cores), and what the measured CPU per request says about
// another core — computed, not guessed: a request needs A ms in an app process and S ms in the parts every app process
// shares, all on this machine's cores.
import os from 'node:os';
import { fmt } from './context';
import { type CpuWindow, type Part, partNames, SINGLE_THREADED, type ScalingSample } from './parts';
import type { ScenarioRun } from './report';

const SHARED: readonly Part[] = ['postgres', 'redis', 'bridge', 'nginx', 'driver', 'bench'];
/** The shared parts a deployment has too: not the load driver nor the simulator, which play the shoppers and Paystack. */
const SHOP_SHARED: readonly Part[] = ['postgres', 'redis', 'bridge', 'nginx'];
/** Below this many CPU ms per unit a part is too little involved (and /proc's 10 ms ticks too coarse) to project from. */
const NEGLIGIBLE_MS = 0.05;
/** A difference in what the rest of the machine ran between two passes that makes their comparison unfair, in cores. */
const UNEVEN_CORES = 0.25;
/** What the rest of the machine may run during a load before the report says the throughputs are not this stack's alone, in cores. */
const BUSY_CORES = 0.5;

/** CPU ms per unit, compact for a table cell. */
const ms = (value: number) => (Number.isFinite(value) ? (value < 10 ? value.toFixed(1) : String(Math.round(value))) : '–');
const signedPct = (value: number) => (Number.isFinite(value) ? `${value >= 0 ? '+' : '−'}${fmt.pct(Math.abs(value))}` : '–');
const perUnit = (sample: ScalingSample, part: Part) => sample.cpu.parts[part] / sample.units;
const appMs = (sample: ScalingSample) => perUnit(sample, 'app');
const mainMs = (sample: ScalingSample) => sample.cpu.appMainThreadMs / sample.units;
const sharedMs = (sample: ScalingSample, parts = SHARED) => parts.reduce((sum, part) => sum + perUnit(sample, part), 0);
const ours = (cpu: CpuWindow) => Object.values(cpu.parts).reduce((sum, value) => sum + value, 0);
const busyCores = (sample: ScalingSample) => ours(sample.cpu) / sample.cpu.wallMs;
const restCores = (sample: ScalingSample) => Math.max(0, (sample.cpu.machineBusyMs - ours(sample.cpu)) / sample.cpu.wallMs);
/** CPU ms in a second (or a minute) of one core: ms per unit → units per second (or minute) per core. */
const budget = (sample: ScalingSample) => (sample.perMinute ? 60_000 : 1_000);
/** Units per second (or minute) one core of a part carries; unknown when the part hardly took part. */
const perCore = (sample: ScalingSample, cpuMs: number) => (cpuMs >= NEGLIGIBLE_MS ? budget(sample) / cpuMs : Number.NaN);
const per = (sample: ScalingSample) => `/${sample.perMinute ? 'min' : 's'}`;
const rate = (sample: ScalingSample, value: number) => `${fmt.n(value)} ${sample.unit}s${per(sample)}`;

/**
 * What `cores` cores allow with `processes` app processes: each process's event loop can use one core, and everything
 * together no more than the machine has.
 */
function ceiling(sample: ScalingSample, processes: number, cores: number): number {
  return Math.min((processes * budget(sample)) / mainMs(sample), (cores * budget(sample)) / (appMs(sample) + sharedMs(sample)));
}

/** The single-threaded part that runs out of its one core first, and at what throughput. */
function firstSingleThreaded(sample: ScalingSample): { part: Part; at: number } | undefined {
  return SINGLE_THREADED.map((part) => ({ part, at: perCore(sample, perUnit(sample, part)) }))
    .filter((candidate) => Number.isFinite(candidate.at))
    .sort((a, b) => a.at - b.at)[0];
}

export function formatScaling(runs: readonly ScenarioRun[]): string[] {
  const counts = [...new Set(runs.map((run) => run.processes))];
  const rows = runs.flatMap((run) => (run.result?.scaling ?? []).map((sample) => ({ processes: run.processes, sample })));
  if (rows.length === 0) return [];
  const labels = [...new Set(rows.map((row) => row.sample.label))];
  const cores = os.availableParallelism();
  const first = counts[0]!;
  const last = counts.at(-1)!;
  const side = counts.length > 1;
  const find = (label: string, processes: number) => rows.find((row) => row.sample.label === label && row.processes === processes)?.sample;

  const lines = [
    '',
    side ? `## App processes: ${counts.join(' vs ')}` : `## CPU by part (${first} app process${first === 1 ? '' : 'es'})`,
    '',
    ...(side
      ? [
          `The same loads with ${counts.join(', then ')} app processes behind the front, in this run: between passes only the app processes and the front were restarted (empty page and data caches each time); PostgreSQL, Redis, its REST bridge and the Paystack simulator kept running, the database anchor was measured once, and every pass reads its shares against the first pass's floor. Each later pass begins with the floor again, to warm its processes: its row below.`,
          '',
        ]
      : []),
    `CPU columns are ms of CPU per unit (order, cart, page, request) during the measured load only — user + system time from /proc of each part's processes with everything under them (PostgreSQL's backends under the postmaster, nginx's workers under its master). *app* is summed over the app processes, their main threads (event loops) in brackets; *Redis + bridge* is redis-server + the Upstash REST bridge (a process of its own in the bench stack); *bench* is the bench's own process: the Paystack simulator and the mail catcher. *Busy cores*: all these parts' CPU over the load's wall time, and what the rest of the machine ran meanwhile (/proc/stat; the machines here are shared).`,
    '',
    `| load | app processes | throughput | p99 | app (main threads) | PostgreSQL | Redis + bridge | nginx | load driver | bench | all parts | CPU ceiling on ${cores} cores (reached) | busy cores: ours / rest of machine |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const label of labels) {
    for (const processes of counts) {
      const sample = find(label, processes);
      if (!sample) {
        lines.push(`| ${label} | ${processes} | did not run | | | | | | | | | | |`);
        continue;
      }
      const part = (name: Part) => ms(perUnit(sample, name));
      const top = ceiling(sample, processes, cores);
      lines.push(
        `| ${label}, per ${sample.unit} | ${processes} | ${rate(sample, sample.throughput)} | ${fmt.ms(sample.p99)}${sample.p99Of === 'request' ? '' : ` (${sample.p99Of})`} | ${part('app')} (${ms(mainMs(sample))}) | ${part('postgres')} | ${part('redis')} + ${part('bridge')} | ${part('nginx')} | ${part('driver')} | ${part('bench')} | ${ms(appMs(sample) + sharedMs(sample))} | ${rate(sample, top)} (${fmt.pct(sample.throughput / top)}) | ${fmt.n(busyCores(sample), 2)} / ${fmt.n(restCores(sample), 2)} |`,
      );
    }
  }
  const busiest = Math.max(...rows.map((row) => restCores(row.sample)));
  const uneven = side
    ? labels.flatMap((label) => {
        const [a, b] = [find(label, first), find(label, last)];
        if (!a || !b || Math.abs(restCores(b) - restCores(a)) < UNEVEN_CORES) return [];
        return [`${label} ${fmt.n(restCores(a), 2)} → ${fmt.n(restCores(b), 2)}`];
      })
    : [];
  if (busiest >= BUSY_CORES || uneven.length > 0) {
    lines.push(
      '',
      `**Shared machine:** ${busiest >= BUSY_CORES ? `the rest of the machine ran up to ${fmt.n(busiest, 2)} of these ${cores} cores during these loads, so the throughputs are not what ${cores} cores give this stack. ` : ''}${
        uneven.length > 0
          ? `It did not run the same amount during the ${first}- and ${last}-process passes (${uneven.join('; ')} cores), so the measured change from ${first} to ${last} processes is not the processes' alone. `
          : ''
      }The CPU per unit of each part is the steadier reading; the ceilings below are computed from it.`,
    );
  }

  lines.push(
    '',
    `### Per added core (from the CPU per unit at ${last} app process${last === 1 ? '' : 'es'})`,
    '',
    `A load that needs **A** ms of app CPU and **S** ms in the shared parts per unit cannot go past ${cores} × 1000 / (A + S) units/s on these ${cores} cores, however many app processes serve it: a process added can only use the CPU the shared parts leave. A process's event loop (its main thread, **A₀** of A) runs on one core at a time, so with *n* processes the ceiling is min(n × 1000 / A₀, ${cores} × 1000 / (A + S)) — the column above — and a second process can add at most what that allows: on ${cores} cores nothing once S ≥ ${cores > 2 ? `${cores - 1} × ` : ''}A (with A₀ = A, (A − S) / (A + S) more at best). This counts CPU only: a load held back by something else (the hot stock row's lock in the flash sale, few connections waiting on latency) stays below its ceiling; *reached* says how far. On a bigger machine each added core is worth 1000 / (A + S) units/s while everything shares the box, and up to 1000 / A if it goes to app processes while PostgreSQL, Redis, the bridge and the load tool have cores of their own — until one of those runs out: redis-server, the bridge, the load driver and the simulator each run on one thread (1000 / their ms per unit, whatever the cores), PostgreSQL needs a core per 1000 / its ms. The load driver and the simulator are the bench's, not the shop's (in production the load is the shoppers' and Paystack is remote): *shop's parts only* leaves them out of S.`,
    '',
    `| load | ${side ? `measured, ${counts.join(' → ')} processes | ` : ''}A (A₀) | S | ${side ? `${first} → ${last} processes on these ${cores} cores, at most | ` : ''}per added core: all on one box | shop's parts only | app processes alone | first one-thread part to run out | PostgreSQL, per core it gets |`,
    `| --- | ${side ? '--- | ' : ''}--- | --- | ${side ? '--- | ' : ''}--- | --- | --- | --- | --- |`,
  );
  const prose: string[] = [];
  for (const label of labels) {
    const sample = find(label, last);
    if (!sample) continue;
    const base = find(label, first);
    const A = appMs(sample);
    const S = sharedMs(sample);
    const single = firstSingleThreaded(sample);
    const gain = base ? sample.throughput / base.throughput - 1 : Number.NaN;
    // What this load's CPU per unit allows going from the first count to the last on this machine.
    const bound = ceiling(sample, last, cores) / ceiling(sample, first, cores) - 1;
    const box = perCore(sample, A + S);
    const shopOnly = perCore(sample, A + sharedMs(sample, SHOP_SHARED));
    const appAlone = perCore(sample, A);
    const singleText = single ? `${partNames[single.part]} at ${rate(sample, single.at)}` : '–';
    lines.push(
      `| ${label}, ${sample.unit}s${per(sample)} | ${side ? `${counts.map((count) => fmt.n(find(label, count)?.throughput ?? Number.NaN)).join(' → ')} (${signedPct(gain)}) | ` : ''}${ms(A)} (${ms(mainMs(sample))}) ms | ${ms(S)} ms | ${side ? `${signedPct(bound)} | ` : ''}+${fmt.n(box)} | +${fmt.n(shopOnly)} | ${Number.isFinite(appAlone) ? `+${fmt.n(appAlone)}` : '– (app hardly involved)'} | ${singleText} | ${fmt.n(perCore(sample, perUnit(sample, 'postgres')))} |`,
    );
    const parts = SHARED.map((part) => `${partNames[part]} ${ms(perUnit(sample, part))}`).join(', ');
    const measured =
      side && base
        ? `${last} processes: ${rate(sample, sample.throughput)} against ${fmt.n(base.throughput)} with ${first} (${signedPct(gain)}), p99 ${fmt.ms(sample.p99)} against ${fmt.ms(base.p99)}. `
        : '';
    const second = side
      ? bound <= 0.005
        ? `, so ${last} processes cannot carry more than ${first} here`
        : `, so ${last} processes can carry at most ${signedPct(bound)} over ${first} here`
      : '';
    const further = Number.isFinite(appAlone)
      ? `, or +${fmt.n(appAlone)}${per(sample)} given to app processes alone${single ? ` — until the ${partNames[single.part]} runs out of its one thread at ${rate(sample, single.at)}` : ''}`
      : "; the app hardly takes part: this load is the shared parts'";
    prose.push(
      `- **${label}** — ${measured}Per ${sample.unit}: app ${ms(A)} ms (main threads ${ms(mainMs(sample))}), shared parts ${ms(S)} ms (${parts}). ${cores} cores carry at most ${rate(sample, (cores * budget(sample)) / (A + S))} whatever the number of app processes${second}; this pass reached ${fmt.pct(sample.throughput / ceiling(sample, last, cores))} of its ceiling while the rest of the machine used ${fmt.n(restCores(sample), 2)} cores. Each added core is worth at most +${fmt.n(box)}${per(sample)} with everything on one box (+${fmt.n(shopOnly)} without the load driver and the simulator)${further}.`,
    );
  }
  lines.push('', ...prose);

  for (const processes of counts.slice(1)) {
    lines.push('', `### Every figure at ${processes} app processes`, '', '| scenario | figure | measured | goal | met |', '| --- | --- | --- | --- | --- |');
    for (const run of runs.filter((other) => other.processes === processes)) {
      for (const figure of run.result?.figures ?? []) {
        const met = figure.goal === undefined ? '' : figure.met ? 'yes' : '**no**';
        lines.push(`| ${run.name} | ${cell(figure.figure)} | ${cell(figure.value)} | ${cell(figure.goal ?? '')} | ${met} |`);
      }
      lines.push(`| ${run.name} | next-server peak RSS (the highest of its processes) | ${Math.round(run.peakRssMb)} MB | | |`);
      if (run.error) lines.push(`| ${run.name} | **did not finish** | ${cell(run.error.split('\n')[0]!)} | | |`);
    }
  }
  return lines;
}

export const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
