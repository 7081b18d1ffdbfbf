// The crash tests' side of a child process: a real OS process running one of the entry scripts in this folder under
// `node --import tsx` (tsx's hooks run inside that one process, so its pid IS the app: SIGKILL leaves nothing behind,
// unlike the tsx CLI, which would run the script in a grandchild). Same environment as the test process (the
// integration setup's stack variables), messages over IPC, stderr kept for the failure message.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { repoRoot } from '../../../scripts/stack/profiles';

const here = path.join(repoRoot, 'tests', 'support', 'crash');

export interface Child<M> {
  readonly pid: number;
  /** Every IPC message so far, in order. */
  readonly messages: M[];
  /** Resolves when the process has exited (code, or the signal that ended it). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The first message (past or future) that `match` accepts; rejects if the process exits first. */
  message(match: (message: M) => boolean, timeoutMs?: number): Promise<M>;
  /** A message to the child over IPC. */
  send(message: unknown): void;
  /** SIGKILL — no handler runs, nothing is flushed — and wait until the kernel has reaped it. */
  kill9(): Promise<void>;
  /** What it wrote to stderr (the tail), for failure messages. */
  stderr(): string;
}

const live = new Set<ChildProcess>();

export function startChild<M>(entry: 'webhook-server.ts' | 'relay-worker.ts', args: readonly string[]): Child<M> {
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', path.join(here, 'register.ts'), path.join(here, entry), ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${entry}`);
  live.add(child);
  const messages: M[] = [];
  const waiters = new Set<() => void>();
  let errors = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    errors = (errors + chunk).slice(-8_000);
  });
  child.on('message', (message) => {
    messages.push(message as M);
    for (const wake of waiters) wake();
  });
  let gone = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      gone = true;
      live.delete(child);
      resolve({ code, signal });
      for (const wake of waiters) wake();
    });
  });

  return {
    pid: child.pid,
    messages,
    exited,
    stderr: () => errors,
    message(match, timeoutMs = 30_000) {
      return new Promise<M>((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (found !== undefined) return finish(() => resolve(found));
          if (gone) finish(() => reject(new Error(`${entry} exited before the expected message; stderr:\n${errors}`)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`${entry}: no expected message after ${timeoutMs} ms; stderr:\n${errors}`))), timeoutMs);
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        check();
      });
    },
    send(message) {
      child.send(message as never);
    },
    async kill9() {
      if (!gone) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Kills (SIGKILL) every child still running: for afterAll, so no test leaves a process behind. */
export async function killAllChildren(): Promise<void> {
  await Promise.all(
    [...live].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/** A TCP port nothing listens on right now (the child binds it; after a kill, its restart binds it again). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
