// Latency summaries for the report, on the shared bench helpers (bench/support/bench-stack.ts).
import { percentile } from '../support/bench-stack';

export function summarise(latencies: readonly number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: sorted.length ? percentile(sorted, 50) : Number.NaN,
    p95: sorted.length ? percentile(sorted, 95) : Number.NaN,
    p99: sorted.length ? percentile(sorted, 99) : Number.NaN,
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

export const ms = (value: number) => (Number.isNaN(value) ? '–' : `${value.toFixed(1)} ms`);
