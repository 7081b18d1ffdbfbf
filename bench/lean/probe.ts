// `npm run bench:lean-probe`: what Next's request path costs the Store API's hot routes, and what the fast lane
// (lib/server/fast-lane) saves. One app process of the production build is hit directly (no front), 16 connections for
// 10 s after a 3 s warm-up, first with FAST_LANE_OFF=1 (every request through Next, as under `next start`), then with
// the lane on: GET /api/health/live (no I/O: Next's own floor) and a guest's add to cart (a new cart per request, as in
// the add-to-cart scenario). It prints requests/s, p99 and the process's CPU time per request; it writes nothing.
import '../support/offset';
import { benchProduct } from '../support/context';
import { startBenchStack } from '../support/bench-stack';
import { closedLoop } from '../support/load';
import { cpuMs } from '../support/process';
import { createDatabase } from '../../db/client';

// The driver hits the app process directly: the caller's address is the one X-Forwarded-For entry it writes.
const appEnv = { TRUSTED_PROXY_HOPS: '1' };
const stack = await startBenchStack({ processes: 1, appEnv });
const { db, sql } = createDatabase(stack.env.DATABASE_URL!, { max: 2 });

let ipCounter = 0;
const ip = () => {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

async function measure(label: string, variantId: string) {
  const base = stack.appProcessUrls()[0]!;
  const pid = stack.pids().app[0]!;
  const body = JSON.stringify({ variantId, quantity: 1 });
  const paths = {
    'health/live': async () => {
      const response = await fetch(`${base}/api/health/live`);
      await response.arrayBuffer();
      return { ok: response.status === 200, outcome: `${response.status} ${response.headers.get('x-shop-lane') ?? 'next'}` };
    },
    'add to cart': async () => {
      const response = await fetch(`${base}/api/cart/items`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip() },
        body,
      });
      const reply = (await response.json().catch(() => null)) as { lines?: unknown[] } | null;
      return { ok: response.status === 200 && reply?.lines?.length === 1, outcome: `${response.status} ${response.headers.get('x-shop-lane') ?? 'next'}` };
    },
  };
  for (const [what, one] of Object.entries(paths)) {
    await closedLoop({ connections: 16, seconds: 3 }, one);
    const before = cpuMs(pid);
    const load = await closedLoop({ connections: 16, seconds: 10 }, one);
    const cpu = (cpuMs(pid) - before) / load.requests;
    console.log(
      `${label.padEnd(14)} ${what.padEnd(12)} ${load.okPerSecond.toFixed(0).padStart(6)} ok/s  p99 ${load.p99.toFixed(0).padStart(4)} ms  ` +
        `CPU ${cpu.toFixed(2)} ms/request  ${JSON.stringify(load.outcomes)}`,
    );
  }
}

try {
  const { variants, archive } = await benchProduct(db, 'lean-probe', [{ title: 'Plenty', stock: 1_000_000 }]);
  await stack.restartApp(1, { ...appEnv, FAST_LANE_OFF: '1' });
  await measure('through Next', variants[0]!.id);
  await stack.restartApp(1, appEnv);
  await measure('fast lane', variants[0]!.id);
  await archive();
} finally {
  await sql.end();
  await stack.stop();
}
