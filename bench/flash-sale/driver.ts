// One flash sale against a running shop: a hot variant with K units, N shoppers with one unit each in their own
// cart, all checking out at once; then the database is asked what really happened.
import { randomUUID } from 'node:crypto';
import { and, countDistinct, eq, inArray, isNotNull, max, sql, sum } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { categories, inventoryReservations, payments, products, productVariants } from '../../db/schema';
import { measureDbReservations } from './db-baseline';
import { checkout, fillCart, shopperIp, type Outcome } from './shoppers';
import { pool } from '../support/bench-stack';

export interface SaleOptions {
  /** One or more app instances sharing the database and Redis; shoppers are spread over them like a load balancer would. */
  baseUrls: string[];
  shoppers: number;
  stock: number;
  concurrency: number;
  baselineAttempts: number;
}

async function createSaleProduct(db: Database, opts: SaleOptions) {
  const tag = randomUUID().slice(0, 8);
  const [category] = await db.select({ id: categories.id }).from(categories).limit(1);
  if (!category) throw new Error('no category: is the database seeded?');
  const [product] = await db
    .insert(products)
    .values({ slug: `flash-sale-${tag}`, title: `Flash sale ${tag}`, categoryId: category.id, status: 'active', optionNames: ['Lot'] })
    .returning();
  const variant = (title: string, stock: number, position: number) => ({
    productId: product!.id,
    sku: `FLASH-${tag}-${position}`.toUpperCase(),
    title,
    options: { Lot: title },
    priceAmount: 500_000,
    stockOnHand: stock,
    maxPerOrder: 1,
    position,
  });
  const [hot, warmup, baseline] = await db
    .insert(productVariants)
    .values([variant('Hot', opts.stock, 0), variant('Warm-up', 5, 1), variant('DB baseline', opts.baselineAttempts, 2)])
    .returning();
  return { product: product!, hot: hot!, warmup: warmup!, baseline: baseline! };
}

async function databaseFacts(db: Database, variantId: string, saleStart: Date) {
  const [row] = await db
    .select({ stockOnHand: productVariants.stockOnHand, reserved: productVariants.reserved })
    .from(productVariants)
    .where(eq(productVariants.id, variantId));
  const [holds] = await db
    .select({
      units: sum(inventoryReservations.quantity).mapWith(Number),
      orders: countDistinct(inventoryReservations.orderId),
      last: max(inventoryReservations.createdAt),
    })
    .from(inventoryReservations)
    .where(and(eq(inventoryReservations.variantId, variantId), eq(inventoryReservations.status, 'active')));
  const orderIds = db.select({ id: inventoryReservations.orderId }).from(inventoryReservations).where(eq(inventoryReservations.variantId, variantId));
  const [intents] = await db
    .select({ n: countDistinct(payments.orderId) })
    .from(payments)
    .where(and(inArray(payments.orderId, orderIds), eq(payments.status, 'initialized'), isNotNull(payments.authorizationUrl)));
  return {
    stockOnHand: row!.stockOnHand,
    reserved: row!.reserved,
    heldUnits: holds?.units ?? 0,
    orders: holds?.orders ?? 0,
    paymentIntents: intents?.n ?? 0,
    // By the database's clock: when the last hold's transaction began, counted from the moment the sale opened.
    reservationWindowSeconds: holds?.last ? (holds.last.getTime() - saleStart.getTime()) / 1000 : Number.NaN,
  };
}

/** The floor for this app on this machine now: GET /api/health (one SELECT 1, no Redis) through the same HTTP and Next stack. */
async function measureTrivialRoute(baseUrl: string, requests: number, concurrency: number) {
  const started = performance.now();
  await pool(
    Array.from({ length: requests }, () => async () => void (await (await fetch(`${baseUrl}/api/health`)).arrayBuffer())),
    concurrency,
  );
  return { requests, concurrency, perSecond: requests / ((performance.now() - started) / 1000) };
}

export async function runSale(db: Database, opts: SaleOptions) {
  const { product, hot, warmup, baseline } = await createSaleProduct(db, opts);

  // Warm-up: the first request to each route loads its code; that is start-up cost, not checkout cost.
  for (const [index, baseUrl] of opts.baseUrls.entries()) {
    const warm = await fillCart(baseUrl, warmup.id, `10.255.255.${250 - index}`);
    const warmed = await checkout(baseUrl, warm, -1 - index);
    if (warmed.status !== 201) throw new Error(`warm-up checkout on ${baseUrl} answered ${warmed.status} ${warmed.code}`);
  }
  // Shopper i always talks to the same instance (nothing requires it: carts live in Redis, not in the process).
  const instance = (index: number) => opts.baseUrls[index % opts.baseUrls.length]!;

  const floor = await measureTrivialRoute(opts.baseUrls[0]!, 2_000, Math.min(opts.concurrency, 50));
  const shoppers = await pool(
    Array.from({ length: opts.shoppers }, (_, index) => () => fillCart(instance(index), hot.id, shopperIp(index))),
    50,
  );

  const [{ now: saleStart }] = (await db.execute(sql`SELECT clock_timestamp() AS now`)) as unknown as [{ now: Date | string }];
  const startedAt = performance.now();
  const outcomes: Outcome[] = await pool(
    shoppers.map((shopper, index) => () => checkout(instance(index), shopper, index)),
    opts.concurrency,
  );
  const wallSeconds = (performance.now() - startedAt) / 1000;

  const facts = await databaseFacts(db, hot.id, new Date(saleStart));
  const anchor = await measureDbReservations(db, baseline.id, opts.baselineAttempts, 20);
  await db.update(products).set({ status: 'archived' }).where(eq(products.id, product.id)); // off the storefront
  return { sku: hot.sku, outcomes, wallSeconds, facts, anchor, floor };
}

export type SaleResult = Awaited<ReturnType<typeof runSale>>;
