// `npm run bench`: every scenario against one fresh bench stack, in one sitting, then bench/RESULTS.md — each figure
// next to the HTTP floor and the database anchor measured in the same run, the machine, the commit and the verdicts.
// A failed verdict (oversold, undersold, lost, double-applied, a 5xx) fails the run.
//
//   npm run bench                       # everything → bench/RESULTS.md (+ bench/ANALYSIS.md appended)
//   npm run bench -- --only flash-sale  # one or more scenarios (comma-separated) → .data/bench/<names>.md
//   npm run bench:flash-sale            # the same, one scenario (see package.json)
//   npm run bench -- --processes 1      # skip the pass at 2 app processes (default 1,2; see bench/README.md)
//   npm run bench -- --node 24          # the app processes on Node 24 (BENCH_NODE=24 too) → bench/RESULTS-node24.md
//   npm run bench -- --node 20,24       # the whole run on each, one report with every figure side by side
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { appProcessCount } from '../scripts/stack/app-pool';
import { StackError } from '../scripts/stack/errors';
import { currentNode, ensureNode, nodeMajor, type NodeRuntime } from '../scripts/stack/node-runtime';
import { scaled, scenarios } from './scenarios';
import { driveScenarios } from './support/orchestrate';
import { anyFailed, formatNodes, formatResults, type ScenarioRun } from './support/report';

const here = path.dirname(fileURLToPath(import.meta.url));
// --node-args="…": flags for the app's Node process, for experiments (e.g. "--max-old-space-size=256"); the report names them.
// --processes 1,2: the app process counts to run at — everything at the first, then flash-sale, add-to-cart and
// catalogue again at each further one, side by side in the report (default 1,2, or APP_PROCESSES alone when set).
// --node 24 (or BENCH_NODE=24): the Node major the app processes run on (the pinned build, scripts/stack/node-runtime.ts);
// the build, the services and the load driver stay on the machine's Node. A run on another Node than the machine's
// writes its report beside the machine's one (RESULTS-node24.md, <names>-node24.md), so the two read side by side.
const { values: args } = parseArgs({
  options: { only: { type: 'string' }, 'node-args': { type: 'string' }, processes: { type: 'string' }, node: { type: 'string' } },
});
const nodeArgs = args['node-args']?.split(' ').filter(Boolean) ?? [];
let processes: number[];
try {
  processes = [...new Set((args.processes ?? process.env.APP_PROCESSES ?? '1,2').split(',').map((count) => appProcessCount(count)))];
} catch (error) {
  console.error(`--processes: ${(error as Error).message}`);
  process.exit(2);
}
const names = args.only ? args.only.split(',').map((name) => name.trim()) : scenarios.map((scenario) => scenario.name);
const unknown = names.filter((name) => !scenarios.some((scenario) => scenario.name === name));
if (unknown.length > 0) {
  console.error(`unknown scenario ${unknown.join(', ')}; one of: ${scenarios.map((scenario) => scenario.name).join(', ')}`);
  process.exit(2);
}

let nodes: NodeRuntime[];
try {
  const majors = (args.node ?? process.env.BENCH_NODE ?? '').split(',').map((major) => major.trim().replace(/^v/, ''));
  nodes = [];
  for (const major of [...new Set(majors)]) nodes.push(major === '' ? currentNode() : await ensureNode(major, (line) => console.log(`  ${line}`)));
} catch (error) {
  console.error(`--node: ${error instanceof StackError ? error.message : String(error)}`);
  process.exit(2);
}
// One Node other than the machine's: its report goes beside the machine's. Several: one report, side by side.
const nodeSuffix = nodes.length === 1 && nodes[0]!.bin !== process.execPath ? `-node${nodeMajor(nodes[0]!.version)}` : '';

const startedAt = new Date();
const loadBefore = os.loadavg();
if (processes.length > 1 && !names.some((name) => scaled.includes(name))) {
  console.log(`(--processes ${processes.join(',')}: only ${scaled.join(', ')} run again at further counts; none of them is asked for)`);
}
// Each Node gets a fresh bench stack of its own and the whole run; the report's figures are the first Node's, then a
// table of every figure on each Node.
const byNode: Array<{ node: NodeRuntime; runs: ScenarioRun[] }> = [];
for (const node of nodes) {
  if (nodes.length > 1) console.log(`\n── app processes on Node ${node.version} ──`);
  byNode.push({ node, runs: await driveScenarios(names, { nodeArgs, processes, node }) });
}
const [{ node, runs }] = byNode as [{ node: NodeRuntime; runs: ScenarioRun[] }];

const whole = !args.only;
const analysis = path.join(here, 'ANALYSIS.md');
const report =
  formatResults(runs, { startedAt, loadBefore, nodeArgs, node, wallSeconds: (Date.now() - startedAt.getTime()) / 1000 }) +
  (byNode.length > 1 ? formatNodes(byNode) : '') +
  (whole && existsSync(analysis) ? `\n${readFileSync(analysis, 'utf8')}` : '');
const out = whole ? path.join(here, `RESULTS${nodeSuffix}.md`) : path.join(here, '..', '.data', 'bench', `${names.join('+')}${nodeSuffix}.md`);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, report);
writeFileSync(
  out.replace(/\.md$/, '.json'),
  `${JSON.stringify({ startedAt, node: node.version, runs, ...(byNode.length > 1 ? { byNode: byNode.map((pass) => ({ node: pass.node.version, runs: pass.runs })) } : {}) }, null, 2)}\n`,
);
console.log(`\n${report}\nwritten to ${path.relative(process.cwd(), out)}`);
process.exit(byNode.some((pass) => anyFailed(pass.runs)) ? 1 : 0);
