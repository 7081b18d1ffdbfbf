// Builds (when sources changed) and runs the Next.js app as a child process of the stack.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { addCompileHints, buildShopServer, SHOP_SERVER_FILE } from './build-server';
import { assertPortFree, StackError } from './errors';
import { waitFor } from './process';
import { repoRoot } from './profiles';

const nextBin = path.join(repoRoot, 'node_modules', 'next', 'dist', 'bin', 'next');
const SOURCES = [
  'app',
  'components',
  'lib',
  'db',
  'inngest',
  'public',
  'proxy.ts',
  'instrumentation.ts',
  'next.config.ts',
  'tsconfig.json',
  'package-lock.json',
  'postcss.config.mjs',
  'scripts/stack/build-server.ts',
];

/** A cheap fingerprint of everything the build reads: paths, sizes and mtimes. */
export function sourceFingerprint(): string {
  const hash = createHash('sha256');
  const visit = (entry: string) => {
    const full = path.join(repoRoot, entry);
    if (!existsSync(full)) return;
    const stat = statSync(full);
    if (stat.isDirectory()) {
      for (const child of readdirSync(full).sort()) visit(path.join(entry, child));
    } else {
      hash.update(`${entry}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  SOURCES.forEach(visit);
  return hash.digest('hex');
}

function run(args: string[], env: Record<string, string>, logFile?: string, nodeArgs: string[] = [], script = nextBin, node = process.execPath): ChildProcess {
  const child = spawn(node, [...nodeArgs, script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', logFile ? 'pipe' : 'inherit', logFile ? 'pipe' : 'inherit'],
  });
  if (logFile) keepLog(child, logFile);
  return child;
}

/** Everything the app prints goes to `file`; the terminal still sees what is not a routine (info or quieter) JSON line. */
function keepLog(child: ChildProcess, file: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  const out = createWriteStream(file, { flags: 'a' });
  const routine = /^\{"level":"(info|debug|trace)"/;
  for (const [stream, terminal] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    let pending = '';
    stream?.on('data', (chunk: Buffer) => {
      out.write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (!routine.test(line)) terminal.write(`${line}\n`);
    });
  }
  child.once('exit', () => out.end());
}

/** Where a build folder records the sources it was built from. */
export function buildFingerprintFile(distDir: string): string {
  return path.join(repoRoot, distDir, 'shop-build-fingerprint');
}

/**
 * `next build`, the app process's server bundle and the browser chunks' compile hints (build-server.ts), as
 * `npm run build` does; skipped when nothing
 * the build reads has changed since the last successful one.
 */
export async function buildApp(env: Record<string, string>, log: (line: string) => void): Promise<void> {
  const fingerprint = sourceFingerprint();
  const distDir = env.NEXT_DIST_DIR ?? '.next';
  const fingerprintFile = buildFingerprintFile(distDir);
  const upToDate = existsSync(fingerprintFile) && readFileSync(fingerprintFile, 'utf8') === fingerprint;
  if (upToDate && existsSync(path.join(repoRoot, distDir, SHOP_SERVER_FILE))) {
    log('app build is up to date');
    return;
  }
  if (!upToDate) {
    log('building the app (next build)…');
    const child = run(['build'], { ...env, NODE_ENV: 'production' });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new StackError(`next build failed (exit ${code}); see the output above.`);
  }
  await buildShopServer(distDir);
  addCompileHints(distDir);
  writeFileSync(fingerprintFile, fingerprint);
}

/**
 * Node flags for the production server, as the README recommends for deployment: a 320 MB old generation. Without it
 * V8 sizes the heap from the machine's memory (24 GiB here) and collects lazily, so next-server's RSS drifted to
 * 500–900 MB under the benchmarks' load; with it the flash sale peaks near 330 MB at no measurable CPU cost.
 */
export const PRODUCTION_NODE_ARGS = ['--max-old-space-size=320'];

export interface RunningApp {
  url: string;
  port: number;
  pid: number;
  /** Resolves when the process has exited, whoever ended it (the supervisor restarts one that died). */
  exited: Promise<void>;
  stop(): Promise<void>;
}

export async function startApp(opts: {
  mode: 'production' | 'development';
  port: number;
  env: Record<string, string>;
  /** Drop Next's data cache (unstable_cache entries) left by an earlier run against another database. */
  freshDataCache?: boolean;
  /** Keep the app's whole output (its JSON log lines) in this file; only the non-routine lines reach the terminal. */
  logFile?: string;
  /** Flags for the app's Node process itself (e.g. --cpu-prof, which NODE_OPTIONS may not carry). */
  nodeArgs?: string[];
  /** The `node` that runs `next start` (default: the one running this script; the bench's `--node 24` passes another). */
  node?: string;
}): Promise<RunningApp> {
  await assertPortFree(opts.port, 'the app');
  if (opts.freshDataCache) {
    rmSync(path.join(repoRoot, opts.env.NEXT_DIST_DIR ?? '.next', 'cache', 'fetch-cache'), { recursive: true, force: true });
  }
  // Production: the shop's own server (Next behind the fast lane: lib/server/fast-lane/server.ts); development: `next dev`.
  const child =
    opts.mode === 'production'
      ? run(
          [],
          { ...opts.env, NODE_ENV: 'production', PORT: String(opts.port), HOSTNAME: '127.0.0.1' },
          opts.logFile,
          opts.nodeArgs,
          path.join(repoRoot, opts.env.NEXT_DIST_DIR ?? '.next', SHOP_SERVER_FILE),
          opts.node,
        )
      : run(
          ['dev', '--port', String(opts.port), '--hostname', '127.0.0.1'],
          { ...opts.env, NODE_ENV: 'development' },
          opts.logFile,
          opts.nodeArgs,
          nextBin,
          opts.node,
        );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.off('exit', killOnExit);
      resolve();
    }),
  );

  const url = `http://127.0.0.1:${opts.port}`;
  let dead = false;
  void exited.then(() => (dead = true));
  const ready = await waitFor(
    async () =>
      dead ||
      (await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )),
    { timeoutMs: opts.mode === 'production' ? 60_000 : 180_000, intervalMs: 250 },
  );
  if (dead || !ready) {
    child.kill('SIGKILL');
    throw new StackError(`The app did not become ready on ${url}; see its output above.`);
  }

  return {
    url,
    port: opts.port,
    pid: child.pid ?? 0,
    exited,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const stopped = await Promise.race([exited.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 5_000))]);
        if (!stopped) child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
