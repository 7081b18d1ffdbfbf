// "Availability never stale", in a browser (issue #21): Debian's Chromium (Playwright) opens a product page through the
// front — loaded twice, so the second is the front's cached copy — then the product's stock is set in the database step
// by step, and for each step the time until the page's availability line says so is measured by checking the DOM on
// every animation frame (no sleeps). Stock is restored afterwards, whatever happened.
import { chromium } from '@playwright/test';
import { eq, sql } from 'drizzle-orm';
import { products, productVariants } from '../../db/schema';
import type { BenchContext } from './context';

// The launch arguments of playwright.config.ts (the e2e suite's), with Debian's Chromium: Playwright's own browser
// downloads cannot reach this network.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const STOCK_STEPS: ReadonlyArray<{ left: number; expect: string }> = [
  { left: 10, expect: 'In stock' },
  { left: 2, expect: 'Only 2 left' },
  { left: 0, expect: 'Sold out' },
  { left: 1, expect: 'Only 1 left' },
];

export interface StockStep {
  left: number;
  expect: string;
  /** From the database update's commit until the page showed it; undefined when it never did within the timeout. */
  ms?: number;
}

export async function stockInBrowser(context: BenchContext, slug: string, opts: { timeoutMs?: number } = {}) {
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const [product] = await context.db.select({ id: products.id }).from(products).where(eq(products.slug, slug));
  if (!product) throw new Error(`no product ${slug}`);
  const before = await context.db
    .select({ id: productVariants.id, stockOnHand: productVariants.stockOnHand })
    .from(productVariants)
    .where(eq(productVariants.productId, product.id));
  const setLeft = (left: number) =>
    context.db
      .update(productVariants)
      .set({ stockOnHand: sql`${productVariants.reserved} + ${left}` })
      .where(eq(productVariants.productId, product.id));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const steps: StockStep[] = [];
  let frontCache: string | undefined;
  try {
    const page = await browser.newPage();
    await page.goto(`${context.appUrl}/products/${slug}`);
    const cached = await page.reload();
    frontCache = cached?.headers()['x-front-cache'];
    await page.getByTestId('variant-availability').waitFor();
    for (const step of STOCK_STEPS) {
      await setLeft(step.left);
      const changed = performance.now();
      try {
        await page.waitForFunction(
          (expected) => document.querySelector('[data-testid="variant-availability"]')?.textContent?.trim() === expected,
          step.expect,
          { polling: 'raf', timeout: timeoutMs },
        );
        steps.push({ ...step, ms: performance.now() - changed });
      } catch {
        steps.push({ ...step });
      }
    }
  } finally {
    await browser.close();
    for (const variant of before) {
      await context.db.update(productVariants).set({ stockOnHand: variant.stockOnHand }).where(eq(productVariants.id, variant.id));
    }
  }
  const shown = steps.filter((step) => step.ms !== undefined);
  return {
    steps,
    /** What the front said of the page the steps ran on (HIT, STALE, UPDATING: its cached copy). */
    frontCache,
    worstMs: shown.length === steps.length ? Math.max(...shown.map((step) => step.ms!)) : Number.POSITIVE_INFINITY,
    timeoutMs,
  };
}
