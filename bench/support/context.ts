// What every scenario gets and gives back. A scenario drives the running bench stack over HTTP (or calls a use case
// in-process for a database-only path), then asks the database what really happened; its verdicts fail the run.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { categories, products, productVariants } from '../../db/schema';
import type { LoadSummary } from './load';
import type { PartPids, ScalingSample } from './parts';

export interface BenchContext {
  appUrl: string;
  db: Database;
  /** The stack's environment (Paystack secret for signing webhooks, database URL, …). */
  env: Record<string, string | undefined>;
  /** Every part's processes (the app's `next-server` processes first): CPU time and memory are read from /proc. */
  pids: PartPids;
  /** Measured first in the same run: every scenario's figures are read against these. */
  floor?: LoadSummary;
  /** The app's CPU time per floor request, for the per-request CPU figures. */
  floorCpuMs?: number;
  /**
   * The machine's floor (issue #26): a bare `node:http` server answering a small JSON body, 32 connections, measured
   * in the same run. The checkout and add-to-cart goals are ratios to its requests/s.
   */
  bareFloor?: LoadSummary;
  log: (line: string) => void;
}

export interface Figure {
  figure: string;
  value: string;
  /** The goal for this figure, in words ("≥ 4,000/min"), and whether the measurement meets it. */
  goal?: string;
  met?: boolean;
}

export interface Verdict {
  name: string;
  ok: boolean;
  detail: string;
}

export interface ScenarioResult {
  figures: Figure[];
  verdicts: Verdict[];
  /** Free text for the report: what was run, and anything a reader needs to read the figures. */
  notes?: string[];
  /** The stretches of load the scaling report sets side by side across app process counts, with each part's CPU. */
  scaling?: ScalingSample[];
  /** Machine-readable numbers (kept in the JSON next to the report). */
  data?: unknown;
}

export interface Scenario {
  name: string;
  title: string;
  run(context: BenchContext): Promise<ScenarioResult>;
}

export const fmt = {
  n: (value: number, digits = 0) =>
    Number.isFinite(value) ? value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–',
  ms: (value: number) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(1) : Math.round(value)} ms` : '–'),
  pct: (value: number) => (Number.isFinite(value) ? `${Math.round(value * 100)} %` : '–'),
};

export function outcomesText(outcomes: Record<string, number>): string {
  return Object.entries(outcomes)
    .sort((a, b) => b[1] - a[1])
    .map(([outcome, count]) => `${outcome} × ${count}`)
    .join(', ');
}

/** A product of the scenario's own, so no two scenarios (or runs) share stock; archived afterwards. */
export async function benchProduct(db: Database, name: string, variants: Array<{ title: string; stock: number; maxPerOrder?: number }>) {
  const tag = randomUUID().slice(0, 8);
  const [category] = await db.select({ id: categories.id }).from(categories).limit(1);
  if (!category) throw new Error('no category: is the database seeded?');
  const [product] = await db
    .insert(products)
    .values({ slug: `${name}-${tag}`, title: `${name} ${tag}`, categoryId: category.id, status: 'active', optionNames: ['Lot'] })
    .returning();
  const rows = await db
    .insert(productVariants)
    .values(
      variants.map((variant, position) => ({
        productId: product!.id,
        sku: `${name}-${tag}-${position}`.toUpperCase(),
        title: variant.title,
        options: { Lot: variant.title },
        priceAmount: 500_000,
        stockOnHand: variant.stock,
        maxPerOrder: variant.maxPerOrder ?? 1,
        position,
      })),
    )
    .returning();
  return {
    product: product!,
    variants: rows,
    archive: () => db.update(products).set({ status: 'archived' }).where(eq(products.id, product!.id)),
  };
}
