// `npm run bench:profile -- --label before|after [--only checkout,webhook]`: records a CPU profile of next-server
// (`node --cpu-prof`) while the load driver runs one path, and writes a summary of where the time went to
// bench/profiles/<path>-<label>.md — by part of the stack and by top self-time frames. The raw .cpuprofile files
// stay under .data/bench/profiles (open them in Chrome DevTools → Performance).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { profiled } from './scenarios/profiled';
import { driveScenarios } from './support/orchestrate';
import { commitLine, machineLine, type ScenarioRun } from './support/report';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  // --again: summarise the profiles of the last run with this label again, without running anything.
  options: { label: { type: 'string', default: 'now' }, only: { type: 'string' }, again: { type: 'boolean', default: false } },
});
const paths = args.only ? args.only.split(',') : profiled.map((scenario) => scenario.name);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

const SOCKET_WRITES = new Set(['writeBuffer', 'writev', 'writeUtf8String', 'writeLatin1String']);

/** The part of the stack a frame belongs to, judged by its script's URL (and, for native frames, its name). */
function partOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(idle)') return 'idle';
    if (SOCKET_WRITES.has(functionName)) return 'socket writes (native)';
    return `native: ${functionName || '(anonymous)'}`;
  }
  if (url.includes('internal/deps/undici')) return 'fetch (undici)';
  if (url.includes('internal/webstreams') || url.includes('js_transferable')) return 'web streams';
  if (url.includes('node:internal/abort') || url.includes('internal/event_target')) return 'abort signals / events';
  if (url.includes('async_hooks')) return 'async context (AsyncLocalStorage, promise hooks)';
  if (url.includes('modules/cjs') || url.includes('modules/esm') || url.includes('[turbopack]_runtime')) return 'module loading (start-up)';
  if (url.includes('zlib')) return 'compression (zlib)';
  if (url.includes('node:internal/crypto') || url === 'node:crypto') return 'crypto';
  if (url.includes('node:internal/http') || url.includes('node:_http') || url.includes('node:net') || url.includes('stream_base')) return 'node http / net';
  if (url.startsWith('node:')) return 'node (other)';
  if (url.includes('/node_modules/postgres/')) return 'postgres.js';
  if (url.includes('/node_modules/next/dist/compiled/')) return 'next (compiled deps: react-dom, etc.)';
  if (url.includes('/node_modules/next/')) return 'next (request handling)';
  if (/\/\.next[^/]*\/server\/chunks\/ssr\//.test(url)) return 'app bundle: pages (react, next, our components)';
  if (/\/\.next[^/]*\/server\//.test(url)) return 'app bundle: routes (our code + bundled libraries: drizzle, zod, next-auth, upstash)';
  if (url.includes('/node_modules/')) return `node_modules/${url.split('/node_modules/').at(-1)?.split('/')[0] ?? ''}`;
  return 'other';
}

function summarise(profile: CpuProfile, title: string, perRequest: string): string {
  const total = profile.samples.length;
  const intervalMs = (profile.endTime - profile.startTime) / 1000 / total;
  const hits = new Map<number, number>();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const byPart = new Map<string, number>();
  const byFrame = new Map<string, number>();
  for (const node of profile.nodes) {
    const count = hits.get(node.id) ?? 0;
    if (count === 0) continue;
    const part = partOf(node);
    byPart.set(part, (byPart.get(part) ?? 0) + count);
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^.*\/(node_modules|\.next)\//, '$1/').replace(/^file:\/\/.*?\/main\//, '')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    byFrame.set(key, (byFrame.get(key) ?? 0) + count);
  }
  const busy = total - (byPart.get('idle') ?? 0);
  const pct = (n: number) => `${((n / busy) * 100).toFixed(1)} %`;
  const rows = (map: Map<string, number>, limit: number) =>
    [...map]
      .filter(([key]) => key !== 'idle' && !key.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([key, n]) => `| ${key.replaceAll('|', '\\|')} | ${pct(n)} | ${Math.round(n * intervalMs)} ms |`);
  return [
    `# CPU profile: ${title}`,
    '',
    `- ${new Date().toISOString()} — commit ${commitLine()}`,
    `- ${machineLine()}`,
    `- next-server, \`node --cpu-prof\`: ${total} samples at ~${(intervalMs * 1000).toFixed(0)} µs, ${Math.round(busy * intervalMs)} ms busy (start-up included); ${perRequest}`,
    '',
    '## By part of the stack (self time, share of busy time)',
    '',
    '| part | share | time |',
    '| --- | --- | --- |',
    ...rows(byPart, 20),
    '',
    '## Top frames by self time',
    '',
    '| frame | share | time |',
    '| --- | --- | --- |',
    ...rows(byFrame, 30),
    '',
  ].join('\n');
}

for (const name of paths) {
  const dir = path.join(here, '..', '.data', 'bench', 'profiles', `${name}-${args.label}`);
  const saved = path.join(dir, 'run.json');
  if (!args.again) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const [run] = await driveScenarios([name], { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`], references: false });
    writeFileSync(saved, JSON.stringify(run ?? null));
  }
  const run = existsSync(saved) ? (JSON.parse(readFileSync(saved, 'utf8')) as ScenarioRun | null) : null;
  // next start may leave more than one profile (a parent and next-server): the busiest one is the server.
  const files = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
  const busiest = files.sort((a, b) => statSync(path.join(dir, b)).size - statSync(path.join(dir, a)).size)[0];
  if (!busiest) throw new Error(`no .cpuprofile written in ${dir}`);
  const profile = JSON.parse(readFileSync(path.join(dir, busiest), 'utf8')) as CpuProfile;
  const perRequest = run?.result?.figures.map((figure) => `${figure.figure} ${figure.value}`).join('; ') ?? run?.error ?? '';
  const out = path.join(here, 'profiles', `${name}-${args.label}.md`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, summarise(profile, `${run?.title ?? name} (${args.label})`, perRequest));
  console.log(`written ${path.relative(process.cwd(), out)}`);
}
