// The floors, 32 connections each: the machine's — a bare `node:http` server answering a small JSON body, what any
// server on these cores reaches in this minute (issue #26's goals are ratios to it) — and the app's: GET /api/health
// (one `SELECT 1`, no Redis, no session) and GET /api/health/live (no query: the like-for-like of the peers' health
// routes) through the front and the app processes. Nothing the app serves can be faster; every other figure is read
// against them. A pass at a further app process count (bench/support/orchestrate.ts) runs it again, to warm its
// processes and to set it side by side, but reads its figures against the first pass's floor.
import { type BenchContext, fmt, type Scenario } from '../support/context';
import { closedLoop } from '../support/load';
import { startPageFloor } from '../support/page-floor';
import { cpuWindow } from '../support/parts';

const BARE_BODY = Buffer.from(JSON.stringify({ status: 'ok' }));

/** The bare `node:http` server's requests/s for a small JSON answer, 32 connections. */
export async function measureBareFloor(seconds = 10) {
  const server = await startPageFloor({ status: 200, headers: { 'content-type': 'application/json' }, body: BARE_BODY });
  try {
    return await closedLoop({ connections: 32, seconds }, async () => {
      const response = await fetch(server.url);
      await response.arrayBuffer();
      return { ok: response.status === 200, outcome: String(response.status) };
    });
  } finally {
    await server.stop();
  }
}

async function measureLive(context: BenchContext, seconds = 10) {
  return closedLoop({ connections: 32, seconds }, async () => {
    const response = await fetch(`${context.appUrl}/api/health/live`);
    await response.arrayBuffer();
    return { ok: response.status === 200, outcome: String(response.status) };
  });
}

export async function measureFloor(context: BenchContext, seconds = 10) {
  const window = cpuWindow(context.pids);
  const load = await closedLoop({ connections: 32, seconds }, async () => {
    const response = await fetch(`${context.appUrl}/api/health`);
    await response.arrayBuffer();
    return { ok: response.status === 200, outcome: String(response.status) };
  });
  const cpu = window.stop();
  return { load, cpuMsPerRequest: cpu.parts.app / load.requests, cpu };
}

export const floor: Scenario = {
  name: 'floor',
  title: 'Floors: a bare node:http server, GET /api/health and /api/health/live, 32 connections',
  async run(context) {
    const bare = context.bareFloor ?? (await measureBareFloor());
    context.bareFloor ??= bare;
    const { load, cpuMsPerRequest, cpu } = await measureFloor(context);
    const live = await measureLive(context);
    if (!context.floor) {
      context.floor = load;
      context.floorCpuMs = cpuMsPerRequest;
    }
    return {
      figures: [
        { figure: 'bare node:http, small JSON: requests/s (p99)', value: `${fmt.n(bare.okPerSecond)} (${fmt.ms(bare.p99)})` },
        { figure: '/api/health/live requests/s (p99)', value: `${fmt.n(live.okPerSecond)} (${fmt.ms(live.p99)})` },
        { figure: 'requests/s', value: fmt.n(load.okPerSecond) },
        { figure: 'p50 / p99', value: `${fmt.ms(load.p50)} / ${fmt.ms(load.p99)}` },
        { figure: 'app CPU per request', value: fmt.ms(cpuMsPerRequest) },
      ],
      verdicts: [
        { name: 'every answer 200', ok: load.ok === load.requests, detail: `${load.ok} of ${load.requests}` },
        { name: 'health/live: every answer 200', ok: live.ok === live.requests, detail: `${live.ok} of ${live.requests}` },
        { name: 'bare floor: every answer 200', ok: bare.ok === bare.requests, detail: `${bare.ok} of ${bare.requests}` },
      ],
      scaling: [
        {
          label: 'floor (GET /api/health)',
          unit: 'request',
          units: load.requests,
          throughput: load.okPerSecond,
          perMinute: false,
          p99: load.p99,
          p99Of: 'request',
          cpu,
        },
      ],
      data: { load, cpuMsPerRequest, bare },
    };
  },
};
