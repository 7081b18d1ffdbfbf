// Runs a private redis-server for the local stack: loopback only, its own port and data directory, and tied
// to the Node process that started it, so a launcher that exits (even on an uncaught error) takes Redis along.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { assertPortFree, StackError } from './errors.ts';
import { ensureSystemPackage, forwardLines, redisServerPackage } from './system-packages.ts';

export interface RedisServerOptions {
  port: number;
  dataDir: string;
  log?: (line: string) => void;
}

const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;

export async function startRedisServer(opts: RedisServerOptions): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const log = opts.log ?? ((line: string) => console.log(line));
  await assertPortFree(opts.port, 'Redis');
  const binary = await ensureSystemPackage(redisServerPackage, log);
  try {
    fs.mkdirSync(opts.dataDir, { recursive: true });
  } catch (error) {
    throw new StackError(`Cannot create the Redis data directory ${opts.dataDir}: ${(error as Error).message}`);
  }

  const child = spawn(
    binary,
    [
      '--port',
      String(opts.port),
      '--bind',
      '127.0.0.1',
      '--protected-mode',
      'yes',
      '--daemonize',
      'no',
      '--dir',
      path.resolve(opts.dataDir),
      // Carts and rate-limit counters should survive a restart of the dev stack, but periodic RDB
      // snapshots fork the whole process: an append-only file synced once a second is the cheaper way.
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--logfile',
      '',
      // Only warnings reach the launcher's output; the startup banner is noise.
      '--loglevel',
      'warning',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );

  const recent: string[] = [];
  const onLine = (raw: string) => {
    // Drop Redis's "pid:role date time level" prefix: the launcher's own output says which service spoke.
    const line = raw.replace(/^\d+:[A-Z] \d+ \w+ \d+ [\d:.]+ [.*#-] ?/, '').trim();
    if (!line) return;
    recent.push(line);
    if (recent.length > 20) recent.shift();
    if (!isNoise(line)) log(`redis: ${line}`);
  };
  forwardLines(child, onLine);

  // A synchronous kill is all an 'exit' handler may do; SIGTERM still lets Redis flush its append-only file.
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.on('exit', killOnExit);

  try {
    await waitUntilReady(opts.port, child, recent, opts.dataDir);
  } catch (error) {
    process.off('exit', killOnExit);
    await terminate(child);
    throw error;
  }

  let stopping = false;
  child.once('exit', (code, signal) => {
    // Ctrl-C in a terminal reaches redis-server directly (same process group): a clean exit is not news.
    if (!stopping && code !== 0) log(`redis: redis-server exited unexpectedly (${signal ?? `code ${code}`}): ${recent.at(-1) ?? ''}`);
  });

  return {
    url: `redis://127.0.0.1:${opts.port}`,
    pid: child.pid ?? 0,
    async stop() {
      stopping = true;
      process.off('exit', killOnExit);
      await terminate(child);
    },
  };
}

// Redis prints its start and stop banners at warning level, and kernel-tuning advice that cannot be acted on
// in a container and only matters for background saves, which this configuration does not do.
const ROUTINE_LINES = [
  /Redis is starting|Redis version=|Configuration loaded|Server initialized/,
  /SIGTERM|User requested shutdown|ready to exit/,
  /overcommit_memory|Transparent Huge Pages/i,
];

function isNoise(line: string): boolean {
  return ROUTINE_LINES.some((pattern) => pattern.test(line));
}

async function waitUntilReady(port: number, child: ChildProcess, recent: string[], dataDir: string): Promise<void> {
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => {
      const why = recent.at(-1) ?? `exited with ${signal ?? `code ${code}`}`;
      reject(new StackError(`redis-server on port ${port} (data in ${dataDir}) stopped while starting: ${why}`));
    });
    child.once('error', (error) => reject(new StackError(`Could not run redis-server: ${error.message}`)));
  });
  exited.catch(() => undefined); // only observed through the race below

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    // While Redis replays its append-only file it answers LOADING, so only PONG counts as ready.
    if (await Promise.race([ping(port), exited])) return;
    await Promise.race([delay(50), exited]);
  }
  throw new StackError(`redis-server on port ${port} did not answer PING within ${READY_TIMEOUT_MS / 1000} s.`);
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

async function terminate(child: ChildProcess): Promise<void> {
  // A process that never spawned (or already ended) will never emit 'exit'.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const escalate = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(escalate);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
