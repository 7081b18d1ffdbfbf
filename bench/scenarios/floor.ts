// The HTTP floor: GET /api/health (one `SELECT 1`, no Redis, no session) through the front and the app processes,
// 32 connections. Nothing the app serves can be faster on this machine in this minute; every other figure is read
// against it. A pass at a further app process count (bench/support/orchestrate.ts) runs it again, to warm its
// processes and to set it side by side, but reads its figures against the first pass's floor.
import { type BenchContext, fmt, type Scenario } from '../support/context';
import { closedLoop } from '../support/load';
import { cpuWindow } from '../support/parts';

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
  title: 'HTTP floor: GET /api/health, 32 connections',
  async run(context) {
    const { load, cpuMsPerRequest, cpu } = await measureFloor(context);
    if (!context.floor) {
      context.floor = load;
      context.floorCpuMs = cpuMsPerRequest;
    }
    return {
      figures: [
        { figure: 'requests/s', value: fmt.n(load.okPerSecond) },
        { figure: 'p50 / p99', value: `${fmt.ms(load.p50)} / ${fmt.ms(load.p99)}` },
        { figure: 'app CPU per request', value: fmt.ms(cpuMsPerRequest) },
      ],
      verdicts: [{ name: 'every answer 200', ok: load.ok === load.requests, detail: `${load.ok} of ${load.requests}` }],
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
      data: { load, cpuMsPerRequest },
    };
  },
};
