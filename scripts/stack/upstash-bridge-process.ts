// The Upstash bridge in a process of its own, for a launcher that measures it: in-process it shares the launcher's
// event loop (and its CPU time) with the Paystack simulator, so nobody could tell which of the two a request cost.
// The child (upstash-bridge-main.ts) runs the very same bridge; it says 'ready' over IPC, stops on SIGTERM and when
// its launcher goes away.
import { fork } from 'node:child_process';
import path from 'node:path';
import { StackError } from './errors.ts';
import type { UpstashBridgeOptions } from './upstash-bridge.ts';

const mainFile = path.join(import.meta.dirname, 'upstash-bridge-main.ts');
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export type BridgeMessage = { type: 'ready'; url: string } | { type: 'failed'; message: string } | { type: 'log'; line: string };

export async function startUpstashBridgeProcess(opts: UpstashBridgeOptions): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const { port, redisUrl, token } = opts;
  // The parent's execArgv (tsx's loader under `tsx …`) is inherited, so the child runs the TypeScript source as is.
  const child = fork(mainFile, [], { env: { ...process.env, SHOP_BRIDGE_OPTIONS: JSON.stringify({ port, redisUrl, token }) }, stdio: 'inherit' });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', (message: BridgeMessage) => {
    if (message.type === 'log') log(message.line);
  });

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new StackError(`The Upstash bridge process did not start within ${READY_TIMEOUT_MS / 1000} s.`)), READY_TIMEOUT_MS);
      child.on('message', (message: BridgeMessage) => {
        if (message.type === 'ready') resolve(message.url);
        if (message.type === 'failed') reject(new StackError(message.message));
        if (message.type !== 'log') clearTimeout(timer);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new StackError(`The Upstash bridge process exited while starting (${signal ?? `code ${code}`}).`));
      });
    });
    let stopping = false;
    void exited.then(() => {
      if (!stopping) log(`upstash bridge: its process exited unexpectedly (${child.signalCode ?? `code ${child.exitCode}`})`);
    });
    return {
      url,
      pid: child.pid ?? 0,
      async stop() {
        stopping = true;
        process.off('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const escalate = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(escalate);
      },
    };
  } catch (error) {
    process.off('exit', killOnExit);
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
}
