// Lighthouse (mobile: the default form factor and simulated throttling) on five storefront pages of the production
// build: home, a listing, a product, and the cart and checkout with one item in a guest cart. Each page is audited
// --runs times (default 3); bench/lighthouse/RESULTS.md gets the median of every category score and the audits that
// kept a score below 100. Exits 0 either way: the table is the measure.
//
// Usage: npm run bench:lighthouse [-- --runs 5] [-- --pages home,cart] [-- --tasks]
// --tasks also prints each run's long main-thread tasks and what ran in them (bench/lighthouse/tasks.ts), and keeps the
// trace next to the JSON report (.data/lighthouse/<page>-<run>.trace.json).
// Its own ports: SHOP_TEST_PORT_OFFSET defaults to 800 here (the other benchmarks use 700), so the stack's build goes
// to .next-test-800 and it can run beside them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import { eq } from 'drizzle-orm';
import lighthouse from 'lighthouse';
import { createDatabase } from '../../db/client';
import { products, productVariants } from '../../db/schema';
import { chromiumPackage, ensureSystemPackage } from '../../scripts/stack/system-packages';
import { type PageResult, CATEGORIES, formatResults } from './report';
import { longTasks } from './tasks';

process.env.SHOP_TEST_PORT_OFFSET ??= '800';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, pages: { type: 'string' }, tasks: { type: 'boolean', default: false } },
});
const RUNS = Math.max(1, Number(args.runs) || 3);
const PRODUCT = 'adire-indigo-shirt';
const PAGES = [
  { name: 'home', path: '/' },
  { name: 'listing', path: '/products' },
  { name: 'product', path: `/products/${PRODUCT}` },
  { name: 'cart', path: '/cart', withCart: true },
  { name: 'checkout', path: '/checkout', withCart: true },
].filter((page) => !args.pages || args.pages.split(',').includes(page.name));

const here = import.meta.dirname;
const reportsDir = path.join(here, '..', '..', '.data', 'lighthouse');
mkdirSync(reportsDir, { recursive: true });

const chromePath = await ensureSystemPackage(chromiumPackage(process.env.CHROME_PATH ?? '/usr/bin/chromium'), console.log);
// Imported late: the bench stack reads SHOP_TEST_PORT_OFFSET when it loads.
const { startBenchStack } = await import('../support/bench-stack');
console.log('starting a fresh bench stack…');
const stack = await startBenchStack();
const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ['--headless=new', '--no-sandbox'] });
const { db, sql: client } = createDatabase(stack.env.DATABASE_URL!, { max: 2 });
try {
  // One guest cart holding one unit, shared by the cart and checkout runs through its cookie.
  const [variant] = await db
    .select({ id: productVariants.id })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(eq(products.slug, PRODUCT))
    .orderBy(productVariants.sku)
    .limit(1);
  const added = await fetch(`${stack.appUrl}/api/cart/items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ variantId: variant!.id, quantity: 1 }),
  });
  if (!added.ok) throw new Error(`adding to the cart failed: ${added.status} ${await added.text()}`);
  const cartCookie = added.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .join('; ');

  const results: PageResult[] = [];
  for (const page of PAGES) {
    // One request first, as a shopper's visit finds it: a catalogue page in the front's cache (served stale while it
    // refreshes once it is 5 s old), not the very first render after a start — which only the first run would pay.
    await fetch(`${stack.appUrl}${page.path}`, page.withCart ? { headers: { Cookie: cartCookie } } : {}).then((response) => response.arrayBuffer());
    const runs = [];
    for (let run = 1; run <= RUNS; run++) {
      const result = await lighthouse(`${stack.appUrl}${page.path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
        ...(page.withCart ? { extraHeaders: { Cookie: cartCookie } } : {}),
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${page.path}`);
      writeFileSync(path.join(reportsDir, `${page.name}-${run}.json`), result.report as string);
      const scores = CATEGORIES.map((id) => Math.round((result.lhr.categories[id]?.score ?? 0) * 100));
      console.log(`${page.name} run ${run}/${RUNS}: ${scores.join(' / ')}${result.lhr.runtimeError ? ` (${result.lhr.runtimeError.code})` : ''}`);
      if (args.tasks) printTasks(page.name, run, result);
      runs.push(result.lhr);
    }
    results.push({ name: page.name, path: page.path, runs });
  }

  const markdown = formatResults(results, {
    commit: commitLabel(),
    chromium: execFileSync(chromePath, ['--version'], { encoding: 'utf8' }).trim(),
    runs: RUNS,
  });
  writeFileSync(path.join(here, 'RESULTS.md'), markdown);
  console.log(`\n${markdown}\nwritten to bench/lighthouse/RESULTS.md; JSON reports in .data/lighthouse/`);
} finally {
  chrome.kill();
  await client.end();
  await stack.stop();
}
process.exit(0);

/** Observed and simulated paint times, then the long tasks, so a score can be read against what the page did. */
function printTasks(name: string, run: number, result: NonNullable<Awaited<ReturnType<typeof lighthouse>>>) {
  const trace = (result.artifacts as unknown as { Trace: Parameters<typeof longTasks>[0] }).Trace;
  writeFileSync(path.join(reportsDir, `${name}-${run}.trace.json`), JSON.stringify(trace));
  const metrics = (result.lhr.audits.metrics?.details as { items?: Array<Record<string, number>> } | undefined)?.items?.[0] ?? {};
  const ms = (key: string) => Math.round(metrics[key] ?? Number.NaN);
  console.log(
    `  observed FCP ${ms('observedFirstContentfulPaint')} LCP ${ms('observedLargestContentfulPaint')} DCL ${ms('observedDomContentLoaded')} load ${ms('observedLoad')} ms;` +
      ` simulated FCP ${ms('firstContentfulPaint')} LCP ${ms('largestContentfulPaint')} TBT ${ms('totalBlockingTime')} ms`,
  );
  for (const task of longTasks(trace)) {
    console.log(`  ${task.startMs.toFixed(0).padStart(6)} ms  ${task.durationMs.toFixed(1).padStart(6)} ms  ${task.parts.join(' | ')}`);
  }
}

/** The commit measured, `-dirty` when anything but this report differs from it (an earlier RESULTS.md does not count). */
function commitLabel(): string {
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const changes = execFileSync('git', ['status', '--porcelain', '--', '.', ':!bench/lighthouse/RESULTS.md'], { encoding: 'utf8' }).trim();
  return changes ? `${head}-dirty` : head;
}
