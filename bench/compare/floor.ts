// The HTTP floor of a system: GET one cheap URL from C connections for S seconds, each connection looping on its own,
// the same closed loop as the peers' drivers/plp.mjs and drivers/atc.mjs. Prints one JSON line in their shape.
//   tsx bench/compare/floor.ts URL [conc=32] [secs=10]
export {};

const [url, conc = '32', secs = '10'] = process.argv.slice(2);
if (!url) throw new Error('usage: tsx bench/compare/floor.ts URL [conc] [secs]');
const C = Number(conc);
const S = Number(secs);

const latencies: number[] = [];
let ok = 0;
let bad = 0;
const end = performance.now() + S * 1000;
await Promise.all(
  Array.from({ length: C }, async () => {
    while (performance.now() < end) {
      const started = performance.now();
      try {
        const response = await fetch(url);
        await response.arrayBuffer();
        if (response.status === 200) ok++;
        else bad++;
      } catch {
        bad++;
      }
      latencies.push(performance.now() - started);
    }
  }),
);
latencies.sort((a, b) => a - b);
const q = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0);
console.log(JSON.stringify({ url, C, ok_per_s: +(ok / S).toFixed(1), p50_ms: q(0.5), p99_ms: q(0.99), ok, bad }));
