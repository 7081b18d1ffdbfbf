// Reading processes from /proc (Linux): which process is `next-server`, its resident memory, and the CPU time a
// process and everything under it has used, so every scenario can report peak RSS and CPU per request without
// instrumenting anything.
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux
const tickMs = (ticks: number) => (ticks * 1000) / CLOCK_TICKS_PER_SECOND;

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

interface ProcessTimes {
  ppid: number;
  /** User + system time of the process itself (all its threads), ms. */
  ownMs: number;
  /** User + system time of its children that exited and were reaped, ms. */
  reapedMs: number;
}

/** Every process's CPU times and parent, read once. */
export function processTable(): Map<number, ProcessTimes> {
  const table = new Map<number, ProcessTimes>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = stat(Number(entry));
    if (!fields) continue;
    table.set(Number(entry), {
      ppid: Number(fields[1]),
      ownMs: tickMs(Number(fields[11]) + Number(fields[12])),
      reapedMs: tickMs(Number(fields[13]) + Number(fields[14])),
    });
  }
  return table;
}

/**
 * CPU time a process and everything under it has used so far, ms: its own, its live descendants', and what its
 * descendants that already exited used (the kernel adds a reaped child's time to its parent's). A PostgreSQL backend
 * that ends between two readings is thus still counted, under the postmaster.
 */
export function treeCpuMs(table: Map<number, ProcessTimes>, root: number): number {
  const childrenOf = new Map<number, number[]>();
  for (const [pid, times] of table) childrenOf.set(times.ppid, [...(childrenOf.get(times.ppid) ?? []), pid]);
  let total = 0;
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    const times = table.get(pid);
    if (!times) continue;
    total += times.ownMs + times.reapedMs;
    queue.push(...(childrenOf.get(pid) ?? []));
  }
  return total;
}

/** User + system CPU time the processes (each with everything under it) have used so far, in ms. */
export function cpuMs(pids: number | readonly number[]): number {
  const table = processTable();
  const roots = typeof pids === 'number' ? [pids] : pids;
  if (roots.some((pid) => !table.has(pid))) return Number.NaN;
  return roots.reduce((sum, pid) => sum + treeCpuMs(table, pid), 0);
}

/** The CPU time of a process's main thread (its event loop, for Node), ms: what one process cannot take past one core. */
export function mainThreadCpuMs(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return tickMs(Number(fields[11]) + Number(fields[12]));
  } catch {
    return Number.NaN;
  }
}

/** The CPU time of the process itself only (not its children), ms. */
export function ownCpuMs(table: Map<number, ProcessTimes>, pid: number): number {
  return table.get(pid)?.ownMs ?? Number.NaN;
}

/**
 * The whole machine's CPU time so far from /proc/stat, ms summed over every core: `busy` is what any process or
 * the kernel ran (user, nice, system, irq, softirq), `steal` what the hypervisor gave to other guests.
 */
export function machineCpuMs(): { busy: number; steal: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
  return { busy: tickMs(user! + nice! + system! + irq! + softirq!), steal: tickMs(steal ?? 0) };
}

/** Samples the RSS of each process every `everyMs` until stopped; the highest any one of them reached. */
export function sampleRss(pids: number | readonly number[], everyMs = 100): { stop(): number } {
  const list = typeof pids === 'number' ? [pids] : pids;
  const highest = () => Math.max(...list.map(rssMb));
  let peak = highest();
  const timer = setInterval(() => {
    peak = Math.max(peak, highest());
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, highest());
    },
  };
}
