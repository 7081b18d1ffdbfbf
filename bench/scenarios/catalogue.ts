// Catalogue pages, full HTML as a browser gets it: home, a category listing, a product, a search — 32 connections for
// 10 s each, read against the HTTP floor measured in the same run. Then the freshness check: availability shown on a
// product page and on its listing card must follow the database at once (no cached stock), so a faster page that
// serves a stale "In stock" fails the run.
import { eq, sql } from 'drizzle-orm';
import { categories, products, productVariants } from '../../db/schema';
import { type BenchContext, fmt, outcomesText, type Scenario } from '../support/context';
import { closedLoop } from '../support/load';
import { cpuMs } from '../support/process';

async function pages(context: BenchContext) {
  const [product] = await context.db
    .select({ slug: products.slug, category: categories.slug })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(eq(products.status, 'active'))
    .orderBy(products.slug)
    .limit(1);
  if (!product) throw new Error('no active product: is the database seeded?');
  return [
    { name: 'home', path: '/' },
    { name: 'listing', path: `/category/${product.category}` },
    { name: 'product', path: `/products/${product.slug}` },
    { name: 'search', path: `/search?q=${encodeURIComponent(product.slug.split('-')[0]!)}` },
  ];
}

/**
 * Sets what every variant of a seeded product has left, straight in the database (as another instance's checkout or
 * an operator would), and reads what its page says next; true when the page agrees every time. Restored afterwards.
 */
async function freshness(context: BenchContext, slug: string) {
  const [product] = await context.db.select({ id: products.id }).from(products).where(eq(products.slug, slug));
  const before = await context.db
    .select({ id: productVariants.id, stockOnHand: productVariants.stockOnHand })
    .from(productVariants)
    .where(eq(productVariants.productId, product!.id));
  const page = async () => (await fetch(`${context.appUrl}/products/${slug}`)).text();
  const setLeft = (left: number) =>
    context.db
      .update(productVariants)
      .set({ stockOnHand: sql`${productVariants.reserved} + ${left}` })
      .where(eq(productVariants.productId, product!.id));
  const steps: Array<{ left: number; expect: string }> = [
    { left: 10, expect: 'In stock' },
    { left: 2, expect: 'Only 2 left' },
    { left: 0, expect: 'Sold out' },
    { left: 1, expect: 'Only 1 left' },
  ];
  const seen: string[] = [];
  for (const step of steps) {
    await setLeft(step.left);
    const html = await page();
    seen.push(`${step.left} left → ${html.includes(step.expect) ? `"${step.expect}"` : 'STALE'}`);
  }
  for (const variant of before) {
    await context.db.update(productVariants).set({ stockOnHand: variant.stockOnHand }).where(eq(productVariants.id, variant.id));
  }
  return { ok: seen.every((line) => !line.endsWith('STALE')), detail: seen.join(', ') };
}

export const catalogue: Scenario = {
  name: 'catalogue',
  title: 'Catalogue pages (full HTML): home, listing, product, search — 32 connections, 10 s each',
  async run(context) {
    const floor = context.floor?.okPerSecond ?? Number.NaN;
    const figures = [];
    const results = [];
    const catalogue = await pages(context);
    for (const page of catalogue) {
      const before = cpuMs(context.appPid);
      const load = await closedLoop({ connections: 32, seconds: 10 }, async () => {
        const response = await fetch(`${context.appUrl}${page.path}`);
        const html = await response.text();
        return { ok: response.status === 200 && html.includes('</html>'), outcome: String(response.status) };
      });
      const cpuPerPage = (cpuMs(context.appPid) - before) / load.requests;
      results.push({ ...page, load, cpuPerPage });
      const share = load.okPerSecond / floor;
      figures.push(
        {
          figure: `${page.name} (${page.path}) pages/s — share of floor`,
          value: `${fmt.n(load.okPerSecond)} — ${fmt.pct(share)}`,
          goal: '≥ 50 %',
          met: share >= 0.5,
        },
        { figure: `${page.name} p50 / p99`, value: `${fmt.ms(load.p50)} / ${fmt.ms(load.p99)}`, goal: 'p99 ≤ 200 ms', met: load.p99 <= 200 },
        { figure: `${page.name} app CPU per page`, value: fmt.ms(cpuPerPage) },
      );
      context.log(`  ${page.name}: ${fmt.n(load.okPerSecond)}/s p99 ${fmt.ms(load.p99)}`);
    }
    const fresh = await freshness(context, catalogue.find((page) => page.name === 'product')!.path.replace('/products/', ''));
    return {
      figures,
      verdicts: [
        ...results.map((result) => ({
          name: `${result.name}: every answer a whole 200 page`,
          ok: result.load.ok === result.load.requests,
          detail: outcomesText(result.load.outcomes),
        })),
        { name: 'availability never stale (product page follows the database)', ok: fresh.ok, detail: fresh.detail },
      ],
      data: { results, fresh },
    };
  },
};
