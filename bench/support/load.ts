// Load helpers shared by every scenario: a closed-loop load for a fixed time (each connection sends its next request
// when the last one is answered, like a pool of keep-alive clients), a bounded pool for a fixed list of tasks, and
// latency summaries.

export interface Sample {
  ok: boolean;
  /** Groups outcomes in the report: "200", "409 out_of_stock", "network: ECONNRESET". */
  outcome: string;
}

export interface LoadSummary {
  connections: number;
  seconds: number;
  requests: number;
  ok: number;
  perSecond: number;
  okPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  outcomes: Record<string, number>;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function latencySummary(latencies: readonly number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

async function timed(one: (index: number) => Promise<Sample>, index: number): Promise<Sample & { ms: number }> {
  const sent = performance.now();
  try {
    const sample = await one(index);
    return { ...sample, ms: performance.now() - sent };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    return { ok: false, outcome: `network: ${cause}`, ms: performance.now() - sent };
  }
}

function summarise(samples: ReadonlyArray<Sample & { ms: number }>, connections: number, seconds: number): LoadSummary {
  const outcomes: Record<string, number> = {};
  for (const sample of samples) outcomes[sample.outcome] = (outcomes[sample.outcome] ?? 0) + 1;
  const ok = samples.filter((sample) => sample.ok).length;
  const latency = latencySummary(samples.map((sample) => sample.ms));
  return {
    connections,
    seconds,
    requests: samples.length,
    ok,
    perSecond: samples.length / seconds,
    okPerSecond: ok / seconds,
    p50: latency.p50,
    p99: latency.p99,
    max: latency.max,
    outcomes,
  };
}

/** `connections` loops, each sending `one(i)` back to back for `seconds`; i counts every request of the run. */
export async function closedLoop(opts: { connections: number; seconds: number }, one: (index: number) => Promise<Sample>): Promise<LoadSummary> {
  const samples: Array<Sample & { ms: number }> = [];
  let next = 0;
  const started = performance.now();
  const end = started + opts.seconds * 1000;
  await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      while (performance.now() < end) samples.push(await timed(one, next++));
    }),
  );
  return summarise(samples, opts.connections, (performance.now() - started) / 1000);
}

/** Runs `count` tasks with at most `concurrency` in flight and summarises them. */
export async function fixedLoad(opts: { count: number; concurrency: number }, one: (index: number) => Promise<Sample>): Promise<LoadSummary> {
  const samples: Array<Sample & { ms: number }> = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(opts.concurrency, opts.count) }, async () => {
      while (next < opts.count) samples.push(await timed(one, next++));
    }),
  );
  return summarise(samples, opts.concurrency, (performance.now() - started) / 1000);
}

/** Runs `tasks` with at most `concurrency` in flight; results in task order. */
export async function pool<T>(tasks: Array<() => Promise<T>>, concurrency: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}

/** Polls `condition` every `intervalMs` until it holds or `timeoutMs` passes; the time it took, or undefined. */
export async function waitUntil(condition: () => Promise<boolean>, opts: { timeoutMs: number; intervalMs: number }): Promise<number | undefined> {
  const started = performance.now();
  while (performance.now() - started < opts.timeoutMs) {
    if (await condition()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs));
  }
  return undefined;
}
