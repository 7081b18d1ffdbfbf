// The HTTP floor: GET /api/health (one `SELECT 1`, no Redis, no session) through the same `next start`, 32
// connections. Nothing the app serves can be faster on this machine in this minute; every other figure is read
// against it.
import { type BenchContext, fmt, type Scenario } from '../support/context';
import { closedLoop } from '../support/load';
import { cpuMs } from '../support/process';

export async function measureFloor(context: BenchContext, seconds = 10) {
  const cpuBefore = cpuMs(context.appPid);
  const load = await closedLoop({ connections: 32, seconds }, async () => {
    const response = await fetch(`${context.appUrl}/api/health`);
    await response.arrayBuffer();
    return { ok: response.status === 200, outcome: String(response.status) };
  });
  return { load, cpuMsPerRequest: (cpuMs(context.appPid) - cpuBefore) / load.requests };
}

export const floor: Scenario = {
  name: 'floor',
  title: 'HTTP floor: GET /api/health, 32 connections',
  async run(context) {
    const { load, cpuMsPerRequest } = await measureFloor(context);
    context.floor = load;
    context.floorCpuMs = cpuMsPerRequest;
    return {
      figures: [
        { figure: 'requests/s', value: fmt.n(load.okPerSecond) },
        { figure: 'p50 / p99', value: `${fmt.ms(load.p50)} / ${fmt.ms(load.p99)}` },
        { figure: 'app CPU per request', value: fmt.ms(cpuMsPerRequest) },
      ],
      verdicts: [{ name: 'every answer 200', ok: load.ok === load.requests, detail: `${load.ok} of ${load.requests}` }],
      data: { load, cpuMsPerRequest },
    };
  },
};
