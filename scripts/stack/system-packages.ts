// System programs npm cannot install (redis-server for the local stack, Debian's Chromium for the browser tests):
// found on PATH, or installed once with apt-get when running as root on Debian/Ubuntu, or refused in one line that
// says how to install them by hand.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { StackError } from './errors.ts';

export interface SystemPackage {
  /** The executable looked up on PATH (and in the usual system folders). */
  binary: string;
  /** Debian package that provides it. */
  aptPackage: string;
  /** The one line shown when it cannot be installed here, e.g. "Chromium is missing". */
  missing: string;
  /** Extra advice after the install command, e.g. an env var that points elsewhere. */
  alternative?: string;
  /** Run after a successful install (the redis package starts a system-wide server we never use). */
  afterInstall?: (env: NodeJS.ProcessEnv) => Promise<void>;
}

export function findExecutable(name: string): string | undefined {
  if (path.isAbsolute(name)) return isExecutable(name) ? name : undefined;
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/sbin', '/usr/local/bin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The path of `pkg.binary`, installing its Debian package first when it is missing and this process may. */
export async function ensureSystemPackage(pkg: SystemPackage, log: (line: string) => void): Promise<string> {
  const found = findExecutable(pkg.binary);
  if (found) return found;
  const hint = `Install it with \`sudo apt-get install ${pkg.aptPackage}\`${pkg.alternative ? `, or ${pkg.alternative}` : ''}.`;
  if (process.getuid?.() !== 0 || !findExecutable('apt-get')) throw new StackError(`${pkg.missing}. ${hint}`);
  log(`${pkg.missing}: installing ${pkg.aptPackage} with apt-get (one time, may take a minute)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], env);
  await run('apt-get', ['install', '-y', '--no-install-recommends', pkg.aptPackage], env);
  await pkg.afterInstall?.(env);
  const binary = findExecutable(pkg.binary);
  if (!binary) throw new StackError(`apt-get installed ${pkg.aptPackage} but ${pkg.binary} is still not on PATH. ${hint}`);
  return binary;
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const recent: string[] = [];
    forwardLines(child, (line) => {
      recent.push(line);
      if (recent.length > 5) recent.shift();
    });
    child.once('error', (error) => reject(new StackError(`\`${command} ${args.join(' ')}\` failed: ${error.message}`)));
    child.once('close', (code) => {
      if (code === 0) resolve();
      else reject(new StackError(`\`${command} ${args.join(' ')}\` failed (exit ${code}): ${recent.at(-1) ?? 'no output'}`));
    });
  });
}

export function forwardLines(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) onLine(line.trim());
    });
    stream?.on('end', () => {
      if (pending.trim()) onLine(pending.trim());
    });
  }
}

export const redisServerPackage: SystemPackage = {
  binary: 'redis-server',
  aptPackage: 'redis-server',
  missing: 'redis-server is not installed',
  alternative: 'set UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN to a real Upstash database',
  // The package may start a system-wide Redis on 6379. We never use it, so stop it rather than leave an
  // unexpected service running; containers without an init system simply have nothing to stop.
  afterInstall: (env) => run('service', ['redis-server', 'stop'], env).catch(() => undefined),
};

export function chromiumPackage(executable: string): SystemPackage {
  return {
    binary: executable,
    aptPackage: 'chromium',
    missing: `Chromium is missing (${executable})`,
    alternative: 'set CHROMIUM_PATH to a Chromium binary',
  };
}

/** pdftotext reads invoices back in the tests. */
export const pdftotextPackage: SystemPackage = { binary: 'pdftotext', aptPackage: 'poppler-utils', missing: 'pdftotext is missing' };
