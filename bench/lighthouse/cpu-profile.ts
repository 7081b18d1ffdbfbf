// One cold page load in Debian's Chromium with the CPU slowed 4× (as Lighthouse's mobile preset simulates it), profiled:
// the functions that took the main thread's time, by self time and by file, and the long tasks. What a Total
// Blocking Time is made of, function by function. Usage: npx tsx bench/lighthouse/cpu-profile.ts <url> [--no-throttle]
import { chromium } from '@playwright/test';

const url = process.argv[2];
if (!url) throw new Error('usage: cpu-profile.ts <url>');
const rate = process.argv.includes('--no-throttle') ? 1 : 4;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, deviceScaleFactor: 1.75 });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await page.goto(url, { waitUntil: 'load' });
await page.waitForTimeout(3_000); // the page's own after-load work (queries, idle hydration) — a measured window, not a wait for a condition
const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
const paints = await page.evaluate(() =>
  performance
    .getEntriesByType('paint')
    .map((entry) => `${entry.name} ${Math.round(entry.startTime)} ms`)
    .join(', '),
);
await browser.close();

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<number, number>();
for (const [index, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
for (const [id, micros] of self) {
  const frame = byId.get(id)!.callFrame;
  if (frame.functionName === '(idle)' || frame.functionName === '(program)') continue;
  const file = frame.url ? frame.url.split('/').pop()! : frame.functionName;
  const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber}:${frame.columnNumber}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  byFile.set(file, (byFile.get(file) ?? 0) + micros);
}
const top = (map: Map<string, number>, count: number) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, micros]) => `  ${(micros / 1000).toFixed(1).padStart(7)} ms  ${key}`)
    .join('\n');
const total = [...byFile.values()].reduce((sum, value) => sum + value, 0);
console.log(`${url} — CPU ×${rate}; paints: ${paints}; busy ${(total / 1000).toFixed(0)} ms`);
console.log(`by file:\n${top(byFile, 12)}\nby function (self):\n${top(byFunction, 30)}`);
