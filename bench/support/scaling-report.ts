// The report's section on app processes: the scaled scenarios' loads at each app process count side by side (throughput,
// p99, CPU ms per request of each part of the stack, busy cores), and what the measured CPU per request says about
// another core — computed, not guessed: a request needs A ms in an app process and S ms in the parts every app process
// shares, all on this machine's cores.
import os from 'node:os';
import { fmt } from './context';
import { type CpuWindow, type Part, partNames, SINGLE_THREADED, type ScalingSample } from './parts';
import type { ScenarioRun } from './report';

const SHARED: readonly Part[] = ['postgres', 'redis', 'bridge', 'nginx', 'driver', 'bench'];

interface Row {
  processes: number;
  sample: ScalingSample;
}

/** CPU ms per unit, compact for a table cell. */
const ms = (value: number) => (Number.isFinite(value) ? (value < 10 ? value.toFixed(1) : String(Math.round(value))) : '–');
const cores = (cpuMs: number, wallMs: number) => (wallMs > 0 ? cpuMs / wallMs : Number.NaN);
const perUnit = (cpu: CpuWindow, part: Part, units: number) => cpu.parts[part] / units;
const shared = (sample: ScalingSample) => SHARED.reduce((sum, part) => sum + perUnit(sample.cpu, part, sample.units), 0);
const appMs = (sample: ScalingSample) => perUnit(sample.cpu, 'app', sample.units);
const ours = (cpu: CpuWindow) => Object.values(cpu.parts).reduce((sum, value) => sum + value, 0);
/** CPU ms in a second (or a minute) of one core: turns ms per unit into units per second (or minute) per core. */
const coreBudget = (sample: ScalingSample) => (sample.perMinute ? 60_000 : 1_000);
const rate = (sample: ScalingSample, value: number) => `${fmt.n(value)} ${sample.unit}s/${sample.perMinute ? 'min' : 's'}`;

/**
 * What `cpuCores` cores allow with `processes` app processes: each process can use one core (one event loop), and
 * everything together no more than the machine has.
 */
function ceiling(sample: ScalingSample, processes: number, cpuCores: number): number {
  const budget = coreBudget(sample);
  return Math.min((processes * budget) / appMs(sample), (cpuCores * budget) / (appMs(sample) + shared(sample)));
}

/** The single-threaded part that runs out of its one core first, and at what throughput. */
function firstSingleThreaded(sample: ScalingSample): { part: Part; at: number } {
  return SINGLE_THREADED.map((part) => ({ part, at: coreBudget(sample) / perUnit(sample.cpu, part, sample.units) })).sort((a, b) => a.at - b.at)[0]!;
}

export function formatScaling(runs: readonly ScenarioRun[]): string[] {
  const counts = [...new Set(runs.map((run) => run.processes))];
  const rows = runs.flatMap((run) => (run.result?.scaling ?? []).map((sample): Row => ({ processes: run.processes, sample })));
  if (rows.length === 0) return [];
  const labels = [...new Set(rows.map((row) => row.sample.label))];
  const cpuCores = os.availableParallelism();
  const first = counts[0]!;
  const last = counts.at(-1)!;
  const find = (label: string, processes: number) => rows.find((row) => row.sample.label === label && row.processes === processes)?.sample;
  const side = counts.length > 1;

  const lines = [
    '',
    side ? `## App processes: ${counts.join(' vs ')}` : `## CPU by part (${first} app process${first === 1 ? '' : 'es'})`,
    '',
    side
      ? `The same scenarios with ${counts.join(', then ')} app processes behind the front, in this run: between passes only the app processes and the front were restarted (empty page and data caches each time); PostgreSQL, Redis, its REST bridge, the Paystack simulator and the database anchor stayed, and every pass reads its shares against the first pass's floor. Each pass after the first begins with the floor again, to warm its processes — its row below.`
      : 'Each measured load with the CPU every part of the stack spent on it.',
    `CPU is user + system time from /proc, per ${'`unit`'} served during the measured load only: each part's processes with everything under them (the PostgreSQL backends under the postmaster, nginx's workers under its master), the app column summed over all app processes. *Redis + bridge* is redis-server + the Upstash REST bridge (a process of its own in the bench stack); *bench* is the bench's own process: the Paystack simulator, the mail catcher and the orchestrator. *Busy cores* are all these parts' CPU over the load's wall time, and what the rest of the machine ran meanwhile (other work on a shared machine; /proc/stat).`,
    '',
    `| load | app processes | throughput | p99 | app | PostgreSQL | Redis + bridge | nginx | load driver | bench | all parts | CPU ceiling on ${cpuCores} cores (reached) | busy cores: ours / rest of machine |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const label of labels) {
    for (const processes of counts) {
      const sample = find(label, processes);
      if (!sample) {
        lines.push(`| ${label} | ${processes} | did not run | | | | | | | | | | |`);
        continue;
      }
      const per = (part: Part) => ms(perUnit(sample.cpu, part, sample.units));
      const top = ceiling(sample, processes, cpuCores);
      const our = cores(ours(sample.cpu), sample.cpu.wallMs);
      const rest = Math.max(0, cores(sample.cpu.machineBusyMs, sample.cpu.wallMs) - our);
      lines.push(
        `| ${label} (CPU ms per ${sample.unit}) | ${processes} | ${rate(sample, sample.throughput)} | ${fmt.ms(sample.p99)} (${sample.p99Of}) | ${per('app')} | ${per('postgres')} | ${per('redis')} + ${per('bridge')} | ${per('nginx')} | ${per('driver')} | ${per('bench')} | ${ms(appMs(sample) + shared(sample))} | ${rate(sample, top)} (${fmt.pct(sample.throughput / top)}) | ${fmt.n(our, 2)} / ${fmt.n(rest, 2)} |`,
      );
    }
  }

  lines.push(
    '',
    `### Per added core (from the CPU per ${'`unit`'} at ${last} app process${last === 1 ? '' : 'es'})`,
    '',
    `A load that needs **A** ms of app CPU and **S** ms in the shared parts per unit can reach at most ${cpuCores} × 1000 / (A + S) units/s on these ${cpuCores} cores, however many app processes serve it: every process added can only use the CPU the shared parts leave. One app process uses at most about one core (one event loop; its GC and I/O threads add a little), so with *n* processes the ceiling is min(n × 1000 / A, ${cpuCores} × 1000 / (A + S)) — the column above — and going from 1 to 2 processes can gain at most the difference, which is nothing once S ≥ ${cpuCores > 2 ? `${cpuCores - 1} × ` : ''}A. This counts CPU only: a load held back by something else (the hot stock row's lock in the flash sale, a closed loop of few connections waiting on latency) stays below its ceiling, and the *reached* share says how far. On a bigger machine each added core is worth 1000 / (A + S) units/s while everything shares the box, and up to 1000 / A units/s if it goes to an app process while PostgreSQL, Redis, the bridge and the load tool have cores of their own — until one of those runs out: Redis, the bridge, the load driver and the simulator each run on one thread (1000 / their ms per unit, whatever the cores), PostgreSQL and nginx need a core per 1000 / their ms. The load driver and the simulator are the bench's own, not the shop's: in production Paystack is remote and the load comes from the shoppers, so their columns are what this machine spends on playing them.`,
    '',
    `| load | ${side ? `measured ${counts.join(' → ')} processes | ` : ''}A: app | S: shared | ${side ? `ceiling here, ${first} → ${last} processes | ` : ''}per added core, all on one box | per added core for app processes alone | first one-thread part to run out | PostgreSQL, per core it gets |`,
    `| --- | ${side ? '--- | ' : ''}--- | --- | ${side ? '--- | ' : ''}--- | --- | --- | --- |`,
  );
  const prose: string[] = [];
  for (const label of labels) {
    const sample = find(label, last);
    const base = find(label, first);
    if (!sample) continue;
    const budget = coreBudget(sample);
    const A = appMs(sample);
    const S = shared(sample);
    const single = firstSingleThreaded(sample);
    const postgres = budget / perUnit(sample.cpu, 'postgres', sample.units);
    const gain = base ? sample.throughput / base.throughput - 1 : Number.NaN;
    const measured = side
      ? `${counts.map((count) => fmt.n(find(label, count)?.throughput ?? Number.NaN)).join(' → ')} (${gain >= 0 ? '+' : ''}${fmt.pct(gain)}) | `
      : '';
    const ceilings = side ? `${fmt.n(base ? ceiling(base, first, cpuCores) : Number.NaN)} → ${fmt.n(ceiling(sample, last, cpuCores))} | ` : '';
    lines.push(
      `| ${label} (${sample.unit}s/${sample.perMinute ? 'min' : 's'}) | ${measured}${ms(A)} ms | ${ms(S)} ms | ${ceilings}+${fmt.n(budget / (A + S))} | +${fmt.n(budget / A)} | ${partNames[single.part]} at ${fmt.n(single.at)} | ${fmt.n(postgres)} |`,
    );
    const rest = Math.max(0, cores(sample.cpu.machineBusyMs - ours(sample.cpu), sample.cpu.wallMs));
    const box = (cpuCores * budget) / (A + S);
    const parts = SHARED.map((part) => `${partNames[part]} ${ms(perUnit(sample.cpu, part, sample.units))}`).join(', ');
    prose.push(
      `- **${label}** — ${
        side && base
          ? `${last} processes: ${rate(sample, sample.throughput)} against ${fmt.n(base.throughput)} with ${first} (${gain >= 0 ? '+' : ''}${fmt.pct(gain)}), p99 ${fmt.ms(sample.p99)} against ${fmt.ms(base.p99)}. `
          : ''
      }Per ${sample.unit} the app processes spent ${ms(A)} ms of CPU and the shared parts ${ms(S)} ms (${parts}), so ${cpuCores} cores top out near ${rate(sample, box)} whatever the number of app processes${
        S >= (cpuCores - 1) * A
          ? ` — and as S ≥ ${cpuCores > 2 ? `${cpuCores - 1} × ` : ''}A, a second app process cannot take it past what one process could`
          : ''
      }; this pass reached ${fmt.pct(sample.throughput / box)} of it while the rest of the machine used ${fmt.n(rest, 2)} cores. Each added core is worth at most +${fmt.n(budget / (A + S))}/${sample.perMinute ? 'min' : 's'} with everything on one box, or +${fmt.n(budget / A)}/${sample.perMinute ? 'min' : 's'} given to app processes alone — until the ${partNames[single.part]} runs out of its one thread at ${rate(sample, single.at)}.`,
    );
  }
  lines.push('', ...prose);

  if (side) {
    for (const processes of counts.slice(1)) {
      const more = runs.filter((run) => run.processes === processes);
      lines.push('', `### Every figure at ${processes} app processes`, '', '| scenario | figure | measured | goal | met |', '| --- | --- | --- | --- | --- |');
      for (const run of more) {
        for (const figure of run.result?.figures ?? []) {
          const met = figure.goal === undefined ? '' : figure.met ? 'yes' : '**no**';
          lines.push(`| ${run.name} | ${cell(figure.figure)} | ${cell(figure.value)} | ${cell(figure.goal ?? '')} | ${met} |`);
        }
        lines.push(`| ${run.name} | next-server peak RSS (the highest of its processes) | ${Math.round(run.peakRssMb)} MB | | |`);
        if (run.error) lines.push(`| ${run.name} | **did not finish** | ${cell(run.error.split('\n')[0]!)} | | |`);
      }
    }
  }
  return lines;
}

export const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
