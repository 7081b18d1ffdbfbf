// Two `next start` processes of the test build behind the real nginx front, supervised as under `npm start`
// (scripts/stack/app-pool.ts), off the test stack's own front and processes: for e2e specs about several processes.
// The driver plays many shoppers: each request names its own address in X-Forwarded-For, read with
// TRUSTED_PROXY_HOPS=2 (the driver plays a CDN in front of nginx), so per-address limits never answer 429.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type AppPool, startAppPool } from '../../scripts/stack/app-pool';
import { stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';

/** The front's port: 50 above the test stack's own front (the app port); the processes get the ports just above it. */
export const twoProcessPoolPort = () => profiles.test.ports.app + 50;

export async function startTwoProcessPool(opts: { name: string; port?: number; logFile?: string; env?: Record<string, string> }): Promise<AppPool> {
  const port = opts.port ?? twoProcessPoolPort();
  return startAppPool({
    port,
    count: 2,
    dataDir: path.join(profiles.test.dataDir, opts.name),
    mode: 'production',
    logFile: opts.logFile,
    env: {
      ...stackEnv(profiles.test),
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      TRUSTED_PROXY_HOPS: '2',
      // Jobs: the in-process runner, as under `npm start`: these processes and the test stack's own app are one cluster
      // (schedules claimed once per period, outbox rows with SKIP LOCKED). The specs of the main project run one at a time,
      // so none waits on a job these processes might run with their own NEXTAUTH_URL; a pool that runs beside them
      // (schedules-soak.spec.ts) passes the test stack's own NEXTAUTH_URL, so the links in its emails are the app's.
      ...opts.env,
    },
  });
}

export interface RequestLine {
  pid: number;
  route: string;
  status: number;
  requestId: string;
}

/** The request lines (lib/log.ts, one per request, with the pid pino writes on every line) of a pool's log file. */
export function requestLines(logFile: string): RequestLine[] {
  let text = '';
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes('"msg":"request"'))
    .map((line) => JSON.parse(line) as RequestLine);
}
