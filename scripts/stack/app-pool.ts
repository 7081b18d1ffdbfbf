// N app processes (the production build: lib/server/fast-lane/server.ts, Next behind the fast lane) behind the front, supervised: each is health-checked every second on /api/health/live and
// taken out of the front's upstream while it fails; one that dies is restarted (with backoff); `reload()` replaces
// them one at a time (start the new one on a fresh port, wait until it answers, shift traffic, drain, stop the old).
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type RunningApp, startApp } from './app';
import { isPortFree, StackError } from './errors';
import { type RunningFront, startFront, type UpstreamServer } from './front';
import { waitFor } from './process';
import { repoRoot } from './profiles';

/** Memory one app process is given room for (its 320 MB old generation plus code and buffers). */
const MEMORY_PER_PROCESS = 400 * 1024 * 1024;
const HEALTH_INTERVAL_MS = 1_000;
/** Consecutive failed checks before a process leaves the rotation (a GC pause is not an outage). */
const FAILURES_TO_TAKE_OUT = 2;
const MAX_BACKOFF_MS = 30_000;

/** APP_PROCESSES: a whole number from 1 to 64; default one per core, capped by what memory allows. */
export function appProcessCount(value = process.env.APP_PROCESSES): number {
  if (value === undefined || value.trim() === '') {
    const byMemory = Math.max(1, Math.floor(os.totalmem() / MEMORY_PER_PROCESS));
    return Math.max(1, Math.min(os.availableParallelism(), byMemory));
  }
  const count = Number(value.trim());
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    throw new StackError(`APP_PROCESSES must be a whole number from 1 to 64 (the number of app processes behind the front); got "${value}".`);
  }
  return count;
}

function buildIdOf(env: Record<string, string>): string {
  const file = path.join(repoRoot, env.NEXT_DIST_DIR ?? '.next', 'BUILD_ID');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
}

interface Slot {
  app: RunningApp;
  /** The BUILD_ID of the build folder when the process started: what it serves. */
  buildId: string;
  /** The env the process was started with (a reload may change NEXT_DIST_DIR). */
  env: Record<string, string>;
  healthy: boolean;
  failures: number;
  /** Being replaced or stopped on purpose: its exit is not a crash. */
  retiring: boolean;
  restarts: number;
}

export interface AppPoolOptions {
  /** The front's port (the shop's URL); app processes get internal ports just above it. */
  port: number;
  count: number;
  dataDir: string;
  env: Record<string, string>;
  mode: 'production' | 'development';
  logFile?: string;
  nodeArgs?: string[];
  /** The `node` executable for the app processes (default: this script's own). */
  node?: string;
  freshDataCache?: boolean;
  log?: (line: string) => void;
}

export interface ProcessInfo {
  port: number;
  pid: number;
  healthy: boolean;
  distDir: string;
  buildId: string;
  restarts: number;
}

export interface AppPool {
  /** The shop's URL: the front. */
  url: string;
  front: RunningFront;
  processes(): ProcessInfo[];
  /** Replaces every process, one at a time, with one started from `env` (e.g. a new NEXT_DIST_DIR). */
  reload(env?: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

export async function startAppPool(opts: AppPoolOptions): Promise<AppPool> {
  const log = opts.log ?? (() => {});
  // Behind the front the app reads the caller's address from the one X-Forwarded-For entry nginx appends, and renders
  // the placeholder nonce that nginx stamps per response (the app↔front contract, README "Front (nginx)").
  let env: Record<string, string> = { TRUSTED_PROXY_HOPS: '1', ...opts.env, CSP_NONCE_FROM_FRONT: '1' };
  const slots: Slot[] = [];
  let stopping = false;
  let front: RunningFront | undefined;

  const launch = (port: number, launchEnv: Record<string, string>, fresh = false) =>
    startApp({
      mode: opts.mode,
      port,
      env: launchEnv,
      logFile: opts.logFile,
      nodeArgs: opts.nodeArgs,
      node: opts.node,
      freshDataCache: fresh,
    });

  const upstream = (): UpstreamServer[] => slots.map((slot) => ({ port: slot.app.port, down: !slot.healthy || slot.retiring }));
  const publish = () => front?.setServers(upstream()) ?? Promise.resolve();

  /** A port for a new process: above the front's, not held by a process of ours nor by anyone else. */
  const freshPort = async (): Promise<number> => {
    for (let port = opts.port + 1; port < opts.port + 100; port++) {
      if (slots.some((slot) => slot.app.port === port)) continue;
      if (await isPortFree(port)) return port;
    }
    throw new StackError(`No free port for an app process between ${opts.port + 1} and ${opts.port + 99}.`);
  };

  const watch = (slot: Slot) => {
    void slot.app.exited.then(async () => {
      if (stopping || slot.retiring) return;
      slot.healthy = false;
      log(`app process on :${slot.app.port} (pid ${slot.app.pid}) exited; restarting it`);
      await publish().catch(() => {});
      for (let attempt = 0; !stopping && !slot.retiring; attempt++) {
        const backoff = Math.min(MAX_BACKOFF_MS, attempt === 0 ? 0 : 500 * 2 ** attempt);
        if (backoff) await new Promise((resolve) => setTimeout(resolve, backoff));
        if (stopping || slot.retiring) return;
        try {
          slot.app = await launch(slot.app.port, slot.env);
          slot.buildId = buildIdOf(slot.env);
          slot.restarts += 1;
          slot.failures = 0;
          slot.healthy = true;
          watch(slot);
          await publish();
          log(`app process on :${slot.app.port} is back (pid ${slot.app.pid})`);
          return;
        } catch (error) {
          log(`app process on :${slot.app.port} did not come back (${(error as Error).message}); retrying`);
        }
      }
    });
  };

  const live = (port: number) =>
    fetch(`http://127.0.0.1:${port}/api/health/live`, { signal: AbortSignal.timeout(HEALTH_INTERVAL_MS) }).then(
      (response) => response.ok,
      () => false,
    );

  /**
   * One readiness check and one page before a new process takes traffic: its database pool, its Redis client and the
   * page code are loaded then, not by the first shoppers' requests (a cold process under load answered a rate-limit
   * check late enough to fail it closed). Best effort: what it answers does not matter here.
   */
  const warm = async (port: number) => {
    for (const path of ['/api/health/ready', '/']) {
      await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(10_000) })
        .then((response) => response.arrayBuffer())
        .catch(() => {});
    }
  };

  let checking = false;
  const healthTimer = setInterval(() => {
    if (checking || stopping) return;
    checking = true;
    void Promise.all(
      slots.map(async (slot) => {
        const ok = await live(slot.app.port);
        slot.failures = ok ? 0 : slot.failures + 1;
        if (ok && !slot.healthy) log(`app process on :${slot.app.port} answers again; back in the rotation`);
        if (!ok && slot.healthy && slot.failures >= FAILURES_TO_TAKE_OUT) log(`app process on :${slot.app.port} fails its health check; out of the rotation`);
        if (ok) slot.healthy = true;
        else if (slot.failures >= FAILURES_TO_TAKE_OUT) slot.healthy = false;
      }),
    )
      .then(publish)
      .catch(() => {})
      .finally(() => (checking = false));
  }, HEALTH_INTERVAL_MS);
  healthTimer.unref();

  const stop = async () => {
    stopping = true;
    clearInterval(healthTimer);
    await front?.stop();
    await Promise.all(slots.map((slot) => slot.app.stop()));
  };

  try {
    // One at a time: N processes booting at once on two cores only slow each other down.
    for (let index = 0; index < opts.count; index++) {
      const app = await launch(await freshPort(), env, opts.freshDataCache && index === 0);
      const slot: Slot = { app, buildId: buildIdOf(env), env, healthy: true, failures: 0, retiring: false, restarts: 0 };
      slots.push(slot);
      watch(slot);
    }
    front = await startFront({ port: opts.port, dataDir: opts.dataDir, servers: upstream(), log });
  } catch (error) {
    await stop();
    throw error;
  }
  const running = front;

  let reloading: Promise<void> | undefined;
  const reloadAll = async (nextEnv: Record<string, string>) => {
    env = { ...env, ...nextEnv };
    for (const slot of [...slots]) {
      if (stopping) return;
      const app = await launch(await freshPort(), env);
      if (!(await waitFor(() => live(app.port), { timeoutMs: 30_000, intervalMs: 100 }))) {
        await app.stop();
        throw new StackError(`The new app process on :${app.port} never answered /api/health/live; the old ones keep serving.`);
      }
      await warm(app.port);
      const fresh: Slot = { app, buildId: buildIdOf(env), env, healthy: true, failures: 0, retiring: false, restarts: 0 };
      // New in, old out, in one nginx reload; it resolves when no nginx worker of the old config is left, so nothing
      // is in flight to the old process any more: then it can stop.
      slot.retiring = true;
      slots.splice(slots.indexOf(slot), 1, fresh);
      watch(fresh);
      await publish();
      await slot.app.stop();
      log(`app process :${slot.app.port} (pid ${slot.app.pid}) replaced by :${app.port} (pid ${app.pid})`);
    }
  };

  return {
    url: running.url,
    front: running,
    processes: () =>
      slots.map((slot) => ({
        port: slot.app.port,
        pid: slot.app.pid,
        healthy: slot.healthy,
        distDir: slot.env.NEXT_DIST_DIR ?? '.next',
        buildId: slot.buildId,
        restarts: slot.restarts,
      })),
    reload(nextEnv = {}) {
      // A second reload while one runs waits for it, then replaces the processes again.
      const previous = reloading ?? Promise.resolve();
      const current = previous.catch(() => {}).then(() => reloadAll(nextEnv));
      reloading = current;
      return current;
    },
    stop,
  };
}
