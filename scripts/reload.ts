// `npm run reload`: deploy what is on disk to the running `npm start` without dropping a request. It signals the
// starter (SIGUSR2), which builds when the sources changed and replaces the app processes one at a time.
import { isAlive, waitFor } from './stack/process';
import { profiles } from './stack/profiles';
import { readReloadStatus, reloadPidFile } from './stack/reload';
import { existsSync, readFileSync } from 'node:fs';

const profile = profiles.dev;
const pidFile = reloadPidFile(profile);
const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : 0;
if (!pid || !isAlive(pid)) {
  console.error('✖ No running `npm start` to reload (start it first).');
  process.exit(1);
}
const asked = new Date().toISOString();
process.kill(pid, 'SIGUSR2');
console.log(`Asked npm start (pid ${pid}) to reload; waiting (a build, if the sources changed, takes a minute)…`);
const finished = () => {
  const status = readReloadStatus(profile);
  return status !== undefined && status.at >= asked && (status.state === 'reloaded' || status.state === 'failed');
};
const done = await waitFor(() => finished() || !isAlive(pid), { timeoutMs: 15 * 60_000, intervalMs: 250 });
const status = readReloadStatus(profile);
if (!done || status?.state !== 'reloaded') {
  console.error(`✖ Reload did not complete: ${status?.message ?? 'npm start stopped'}`);
  process.exit(1);
}
console.log(`✔ Every app process now serves the current build: ${status.message}`);
