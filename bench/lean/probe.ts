// `npm run bench:lean-probe`: what the Store API's add to cart and the live health route cost with and without Next's
// request path around them (issue #26's floor question). The same route handlers, in the same bench stack, answered
// (a) by one `next start` process and (b) by a bare `node:http` server calling them directly (bench/lean/server.ts),
// each hit directly (no front), 16 connections for 10 s, a new guest cart per request as in the add-to-cart scenario.
// It prints requests/s and the server's CPU per request; it writes nothing.
import '../support/offset';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchProduct } from '../support/context';
import { startBenchStack } from '../support/bench-stack';
import { closedLoop } from '../support/load';
import { cpuMs } from '../support/process';
import { build } from 'esbuild';
import { createDatabase } from '../../db/client';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const stack = await startBenchStack({ processes: 1, appEnv: { TRUSTED_PROXY_HOPS: '1' } });
const { db, sql } = createDatabase(stack.env.DATABASE_URL!, { max: 2 });
const port = Number(new URL(stack.appUrl).port) + 50;
// One CommonJS file with the shop's code in it and node_modules left outside, as a production build would ship it.
const bundle = path.join(root, '.data/lean/server.cjs');
await build({
  entryPoints: [path.join(root, 'bench/lean/server.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  alias: { 'server-only': path.join(root, 'tests/support/server-only.ts') },
  outfile: bundle,
  logLevel: 'warning',
});
const lean = spawn(process.execPath, [bundle], {
  cwd: root,
  env: { ...process.env, ...stack.env, NODE_ENV: 'production', TRUSTED_PROXY_HOPS: '1', PROBE_PORT: String(port), NODE_OPTIONS: '' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve, reject) => {
  lean.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve());
  lean.once('exit', (code) => reject(new Error(`the lean server exited with ${code}`)));
});

let ipCounter = 0;
const ip = () => {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

async function measure(label: string, base: string, pid: number, variantId: string) {
  const body = JSON.stringify({ variantId, quantity: 1 });
  for (const [what, one] of [
    [
      'health/live',
      async () => {
        const response = await fetch(`${base}/api/health/live`);
        await response.arrayBuffer();
        return { ok: response.status === 200, outcome: String(response.status) };
      },
    ],
    [
      'add to cart',
      async () => {
        const response = await fetch(`${base}/api/cart/items`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': ip() },
          body,
        });
        const reply = (await response.json().catch(() => null)) as { lines?: unknown[] } | null;
        return { ok: response.status === 200 && reply?.lines?.length === 1, outcome: String(response.status) };
      },
    ],
  ] as const) {
    await closedLoop({ connections: 16, seconds: 3 }, one); // warm-up
    const before = cpuMs(pid);
    const load = await closedLoop({ connections: 16, seconds: 10 }, one);
    const cpu = (cpuMs(pid) - before) / load.requests;
    console.log(
      `${label.padEnd(22)} ${what.padEnd(12)} ${load.okPerSecond.toFixed(0).padStart(6)} ok/s  p99 ${load.p99.toFixed(0).padStart(4)} ms  CPU ${cpu.toFixed(2)} ms/request  ${JSON.stringify(load.outcomes)}`,
    );
  }
}

try {
  const { variants, archive } = await benchProduct(db, 'lean-probe', [{ title: 'Plenty', stock: 1_000_000 }]);
  const nextUrl = stack.appProcessUrls()[0]!;
  await measure('next start (direct)', nextUrl, stack.pids().app[0]!, variants[0]!.id);
  await measure('bare node:http + same handlers', `http://127.0.0.1:${port}`, lean.pid!, variants[0]!.id);
  await archive();
} finally {
  lean.kill('SIGTERM');
  await sql.end();
  await stack.stop();
}
