// Reading the app's process from /proc (Linux): which process is `next-server`, its resident memory and the CPU time
// it has used, so every scenario can report peak RSS and CPU per request without instrumenting the app.
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

function stat(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name sits in parentheses and may hold spaces; the fields after it are space-separated.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function children(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (stat(Number(entry))?.[1] === String(pid)) found.push(Number(entry));
  }
  return found;
}

/** The `next-server` process started by `next start` (the pid itself, or one of its descendants). */
export function findNextServer(rootPid: number): number {
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('next-server')) return pid;
    } catch {}
    queue.push(...children(pid));
  }
  return rootPid;
}

/** Resident set size in MB. */
export function rssMb(pid: number): number {
  const pages = Number(stat(pid)?.[21] ?? 0);
  return (pages * 4096) / 2 ** 20;
}

/** User + system CPU time the process has used so far, in ms. */
export function cpuMs(pid: number): number {
  const fields = stat(pid);
  if (!fields) return Number.NaN;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Samples RSS every `everyMs` until stopped; the peak seen. */
export function sampleRss(pid: number, everyMs = 100): { stop(): number } {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssMb(pid));
    },
  };
}
