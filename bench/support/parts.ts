// CPU time by part of the stack over a measured stretch of load, read from /proc by the load driver: the app
// processes, PostgreSQL, redis-server, the Upstash bridge, the nginx front, the load driver itself, and the bench
// process (the Paystack simulator, the mail catcher and the orchestrator), next to what the whole machine ran. Divided
// by what the stretch served, these are the CPU milliseconds each part spends per request — what says how far the
// shop would go with another core, and which part would run out first.
import { machineCpuMs, mainThreadCpuMs, ownCpuMs, processTable, treeCpuMs } from './process';

export const PARTS = ['app', 'postgres', 'redis', 'bridge', 'nginx', 'driver', 'bench'] as const;
export type Part = (typeof PARTS)[number];

export const partNames: Record<Part, string> = {
  app: 'app processes',
  postgres: 'PostgreSQL',
  redis: 'redis-server',
  bridge: 'Upstash REST bridge',
  nginx: 'nginx front',
  driver: 'load driver',
  bench: 'bench process (Paystack simulator, mail)',
};

/** Parts that run on one thread (one event loop, or Redis's one command thread): none can use more than one core. */
export const SINGLE_THREADED: readonly Part[] = ['redis', 'bridge', 'driver', 'bench'];

/** The processes of each part: each counted with everything under it, except the bench process (its children are the other parts). */
export interface PartPids {
  app: number[];
  postgres: number;
  redis: number;
  bridge: number;
  nginx: number;
  bench: number;
  driver: number;
}

export interface CpuWindow {
  wallMs: number;
  /** CPU ms each part used in the window. */
  parts: Record<Part, number>;
  /** Of the app's, what the processes' main threads (their event loops) used: the rest is GC and I/O threads. */
  appMainThreadMs: number;
  /** CPU ms the whole machine ran (every process and the kernel, all cores) and the hypervisor stole. */
  machineBusyMs: number;
  machineStealMs: number;
}

interface Snapshot {
  at: number;
  parts: Record<Part, number>;
  appMainThread: number;
  machine: { busy: number; steal: number };
}

function snapshot(pids: PartPids): Snapshot {
  const table = processTable();
  const tree = (pid: number) => treeCpuMs(table, pid);
  return {
    at: performance.now(),
    machine: machineCpuMs(),
    appMainThread: pids.app.reduce((sum, pid) => sum + mainThreadCpuMs(pid), 0),
    parts: {
      app: pids.app.reduce((sum, pid) => sum + tree(pid), 0),
      postgres: tree(pids.postgres),
      redis: tree(pids.redis),
      bridge: tree(pids.bridge),
      nginx: tree(pids.nginx),
      driver: tree(pids.driver),
      bench: ownCpuMs(table, pids.bench),
    },
  };
}

/** Starts a window now; `stop()` gives the CPU each part used since. */
export function cpuWindow(pids: PartPids): { stop(): CpuWindow } {
  const start = snapshot(pids);
  return {
    stop() {
      const end = snapshot(pids);
      return {
        wallMs: end.at - start.at,
        parts: Object.fromEntries(PARTS.map((part) => [part, end.parts[part] - start.parts[part]])) as Record<Part, number>,
        appMainThreadMs: end.appMainThread - start.appMainThread,
        machineBusyMs: end.machine.busy - start.machine.busy,
        machineStealMs: end.machine.steal - start.machine.steal,
      };
    },
  };
}

/** Several windows as one (the flash sale's rounds). */
export function sumWindows(windows: readonly CpuWindow[]): CpuWindow {
  const add = (pick: (window: CpuWindow) => number) => windows.reduce((sum, window) => sum + pick(window), 0);
  return {
    wallMs: add((window) => window.wallMs),
    parts: Object.fromEntries(PARTS.map((part) => [part, add((window) => window.parts[part])])) as Record<Part, number>,
    appMainThreadMs: add((window) => window.appMainThreadMs),
    machineBusyMs: add((window) => window.machineBusyMs),
    machineStealMs: add((window) => window.machineStealMs),
  };
}

/**
 * One measured stretch of load for the scaling report: its throughput and p99 as the scenario reports them, and the
 * CPU each part used for the `units` it served (orders, requests, pages).
 */
export interface ScalingSample {
  /** What was loaded ("flash sale", "home page"). */
  label: string;
  /** The unit the CPU is divided by ("order", "request", "page"). */
  unit: string;
  units: number;
  /** Throughput in `unit`s per second or per minute (`perMinute`), as the scenario's own figure. */
  throughput: number;
  perMinute: boolean;
  p99: number;
  /** Whose p99: "flow" (add to cart + checkout) or "request". */
  p99Of: string;
  cpu: CpuWindow;
}
