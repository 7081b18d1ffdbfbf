// Catalogue pages as issue #21 measures them, each against its own floor in the same sitting: home, a category
// listing, a product (and a search, reported without a goal). For each page: fetch it once as the load driver does
// (fetch's `accept-encoding: gzip, deflate`, the bytes nginx sends), load it through the front (32 connections, 10 s),
// then serve those very bytes (same encoding, same content-type and CSP headers) from a bare `node:http` server and load
// that with the same settings: the page's floor. Every front answer must be a whole 200 page whose CSP nonce is the one
// on every script tag, and no two answers may share a nonce. Then the stock request against `/api/health/live` in the
// same sitting, and "availability never stale" on the product page in Chromium.
import { eq } from 'drizzle-orm';
import { categories, products } from '../../db/schema';
import { type BenchContext, type Figure, fmt, outcomesText, type Scenario, type Verdict } from '../support/context';
import { closedLoop, type LoadSummary } from '../support/load';
import { fetchAsSent, startPageFloor } from '../support/page-floor';
import { cpuWindow, type ScalingSample } from '../support/parts';
import { stockInBrowser } from '../support/stock-in-browser';

const LOAD = { connections: 32, seconds: 10 };

async function pages(context: BenchContext) {
  const [product] = await context.db
    .select({ slug: products.slug, category: categories.slug })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(eq(products.status, 'active'))
    .orderBy(products.slug)
    .limit(1);
  if (!product) throw new Error('no active product: is the database seeded?');
  return {
    slug: product.slug,
    pages: [
      { name: 'home', path: '/', goal: true },
      { name: 'listing', path: `/category/${product.category}`, goal: true },
      { name: 'product', path: `/products/${product.slug}`, goal: true },
      // Not cached by the front (its key is whatever a visitor types): reported next to its floor, no goal.
      { name: 'search', path: `/search?q=${encodeURIComponent(product.slug.split('-')[0]!)}`, goal: false },
    ],
  };
}

/** Occurrences of `needle` in `text`. */
const count = (text: string, needle: string) => text.split(needle).length - 1;

/**
 * Loads `url` with the driver's settings and checks every answer cheaply: a whole 200 page (`</html>`), a CSP header
 * with a nonce, and every `nonce="…"` in the body being that one. The nonces seen are kept to count the distinct ones.
 */
async function loadPage(url: string) {
  const nonces = new Set<string>();
  const load = await closedLoop(LOAD, async () => {
    const response = await fetch(url);
    const body = await response.text();
    if (response.status !== 200) return { ok: false, outcome: String(response.status) };
    if (!body.includes('</html>')) return { ok: false, outcome: '200 not a whole page' };
    const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
    if (!nonce) return { ok: false, outcome: '200 without a CSP nonce' };
    const tagged = count(body, 'nonce="');
    if (tagged === 0 || count(body, `nonce="${nonce}"`) !== tagged) return { ok: false, outcome: '200 nonce ≠ script tags' };
    nonces.add(nonce);
    return { ok: true, outcome: '200 whole, CSP nonce on every script' };
  });
  return { load, distinctNonces: nonces.size };
}

async function loadJson(url: string): Promise<LoadSummary> {
  return closedLoop(LOAD, async () => {
    const response = await fetch(url);
    await response.arrayBuffer();
    return { ok: response.status === 200, outcome: String(response.status) };
  });
}

export const catalogue: Scenario = {
  name: 'catalogue',
  title:
    'Catalogue pages through the front, each against its own floor (the same bytes from a bare node:http server), 32 connections, 10 s each; the stock request against /api/health/live; live availability in Chromium',
  async run(context) {
    const figures: Figure[] = [];
    const verdicts: Verdict[] = [];
    const results = [];
    const scaling: ScalingSample[] = [];
    const { slug, pages: catalogue } = await pages(context);

    for (const page of catalogue) {
      const url = `${context.appUrl}${page.path}`;
      const sent = await fetchAsSent(url);
      if (sent.status !== 200) throw new Error(`${page.path} answered ${sent.status} before the load`);
      const window = cpuWindow(context.pids);
      const front = await loadPage(url);
      const cpu = window.stop();
      const cpuPerPage = cpu.parts.app / front.load.requests;
      scaling.push({
        label: `${page.name} page`,
        unit: 'page',
        units: front.load.requests,
        throughput: front.load.okPerSecond,
        perMinute: false,
        p99: front.load.p99,
        p99Of: 'request',
        cpu,
      });
      const floorServer = await startPageFloor(sent);
      let floor: Awaited<ReturnType<typeof loadPage>>;
      try {
        floor = await loadPage(floorServer.url);
      } finally {
        await floorServer.stop();
      }
      const share = front.load.okPerSecond / floor.load.okPerSecond;
      const encoding = String(sent.headers['content-encoding'] ?? 'identity');
      results.push({ ...page, bytes: sent.body.length, encoding, front, floor, share, cpuPerPage });
      const goal = (text: string, met: boolean) => (page.goal ? { goal: text, met } : {});
      figures.push(
        {
          figure: `${page.name} (${page.path}) pages/s — its floor req/s — share`,
          value: `${fmt.n(front.load.okPerSecond)} — ${fmt.n(floor.load.okPerSecond)} — ${fmt.pct(share)}`,
          ...goal('≥ 50 % of its floor', share >= 0.5),
        },
        {
          figure: `${page.name} p50 / p99 (floor's p50 / p99)`,
          value: `${fmt.ms(front.load.p50)} / ${fmt.ms(front.load.p99)} (${fmt.ms(floor.load.p50)} / ${fmt.ms(floor.load.p99)})`,
          ...goal('p99 ≤ 100 ms', front.load.p99 <= 100),
        },
        { figure: `${page.name} page as sent`, value: `${fmt.n(sent.body.length)} bytes, ${encoding}` },
        { figure: `${page.name} app CPU per page`, value: fmt.ms(cpuPerPage) },
      );
      verdicts.push(
        {
          name: `${page.name}: every answer a whole 200 page with a CSP nonce matching its script tags`,
          ok: front.load.requests > 0 && front.load.ok === front.load.requests,
          detail: outcomesText(front.load.outcomes),
        },
        {
          name: `${page.name}: a different nonce on every answer`,
          ok: front.load.ok > 0 && front.distinctNonces === front.load.ok,
          detail: `${fmt.n(front.distinctNonces)} distinct nonces in ${fmt.n(front.load.ok)} answers`,
        },
        {
          name: `${page.name} floor: every answer whole`,
          ok: floor.load.requests > 0 && floor.load.ok === floor.load.requests,
          detail: outcomesText(floor.load.outcomes),
        },
      );
      context.log(
        `  ${page.name}: ${fmt.n(front.load.okPerSecond)}/s p99 ${fmt.ms(front.load.p99)} · floor ${fmt.n(floor.load.okPerSecond)}/s · ${fmt.pct(share)}`,
      );
    }

    // The stock request every open catalogue tab polls, against the app's cheapest route measured right before it.
    const live = await loadJson(`${context.appUrl}/api/health/live`);
    const stockWindow = cpuWindow(context.pids);
    const stock = await loadJson(`${context.appUrl}/api/stock?products=${encodeURIComponent(slug)}`);
    scaling.push({
      label: 'stock request',
      unit: 'request',
      units: stock.requests,
      throughput: stock.okPerSecond,
      perMinute: false,
      p99: stock.p99,
      p99Of: 'request',
      cpu: stockWindow.stop(),
    });
    const stockShare = stock.okPerSecond / live.okPerSecond;
    figures.push(
      {
        figure: `stock (/api/stock?products=${slug}) req/s — /api/health/live req/s — share`,
        value: `${fmt.n(stock.okPerSecond)} — ${fmt.n(live.okPerSecond)} — ${fmt.pct(stockShare)}`,
        goal: '≥ 50 % of /api/health/live',
        met: stockShare >= 0.5,
      },
      { figure: 'stock p50 / p99 (health/live p50 / p99)', value: `${fmt.ms(stock.p50)} / ${fmt.ms(stock.p99)} (${fmt.ms(live.p50)} / ${fmt.ms(live.p99)})` },
    );
    verdicts.push(
      { name: 'stock: every answer 200', ok: stock.requests > 0 && stock.ok === stock.requests, detail: outcomesText(stock.outcomes) },
      { name: 'health/live: every answer 200', ok: live.requests > 0 && live.ok === live.requests, detail: outcomesText(live.outcomes) },
    );
    context.log(`  stock: ${fmt.n(stock.okPerSecond)}/s · health/live ${fmt.n(live.okPerSecond)}/s · ${fmt.pct(stockShare)}`);

    const fresh = await stockInBrowser(context, slug);
    const stepsText = fresh.steps
      .map((step) => `${step.left} left → "${step.expect}" ${step.ms === undefined ? `NOT SHOWN in ${fresh.timeoutMs / 1000} s` : fmt.ms(step.ms)}`)
      .join(', ');
    figures.push({
      figure: 'product page in Chromium: worst delay from a stock change in the database to the page showing it',
      value: Number.isFinite(fresh.worstMs) ? fmt.ms(fresh.worstMs) : `never (within ${fresh.timeoutMs / 1000} s)`,
      goal: '≤ 1 s',
      met: fresh.worstMs <= 1_000,
    });
    verdicts.push({
      name: 'availability never stale (product page in Chromium follows the database)',
      ok: fresh.steps.every((step) => step.ms !== undefined),
      detail: `page from the front's cache (${fresh.frontCache ?? 'no X-Front-Cache'}): ${stepsText}`,
    });
    context.log(`  availability in Chromium: ${stepsText}`);

    return {
      figures,
      verdicts,
      scaling,
      notes: [
        "Each page's floor is the very response the front sent for it (same bytes, gzip as fetch asks for it, same content-type and CSP headers), served by a bare node:http server in a child process of its own and loaded right after the page with the same driver (32 connections, 10 s, the same per-answer checks); the floor's nonce is fixed, so only the front's answers are checked for distinct nonces.",
        "App CPU per page is next-server's CPU time during the page's load divided by the pages served: with the front's 5 s cache most answers never reach the app.",
        'The stock figure loads `/api/health/live` and then `/api/stock?products=<the product>` through the front, 32 connections, 10 s each.',
        'Availability: Chromium opens the product page twice through the front (the second is its cached copy), then the stock is set in the database to 10, 2, 0, 1 units left; each delay runs from the update until the availability line says so (the DOM checked on every animation frame, no sleeps); stock is restored afterwards.',
      ],
      data: { results, stock: { live, stock, share: stockShare }, fresh },
    };
  },
};
