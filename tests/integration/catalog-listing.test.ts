// Catalogue listing queries against the real database: sort orders, pagination and counts, product detail,
// and availability = on hand − reserved. Writes happen in transactions that are rolled back.
import { eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { Tx } from '@/db/client';
import { availabilityBySlug, countProducts, getProductBySlug, listProducts, listProductSlugs, listVariantOffers, type ProductSort } from '@/db/queries/catalog';
import { categories, products, productVariants } from '@/db/schema';
import { seedProducts } from '../../scripts/seed/catalogue';
import { testDatabase } from '../support/db';

const seedSlugs = new Set(seedProducts.map((product) => product.slug));

const { db, sql } = testDatabase();
afterAll(() => sql.end());

class Rollback extends Error {}
async function inRollback(work: (tx: Tx) => Promise<void>): Promise<void> {
  await db
    .transaction(async (tx) => {
      await work(tx);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
}

type ListingParams = { categorySlug?: string; sort: ProductSort; pageSize: number };

async function allPages(tx: Tx | typeof db, params: ListingParams) {
  // Other test files add and remove products concurrently: read the count and every page from one snapshot.
  if (tx === db) return db.transaction((snapshot) => pagesIn(snapshot, params), { isolationLevel: 'repeatable read', accessMode: 'read only' });
  return pagesIn(tx, params);
}

async function pagesIn(tx: Tx | typeof db, params: ListingParams) {
  const total = await countProducts(tx, params);
  const pages = [];
  for (let page = 1; page <= Math.ceil(total / params.pageSize); page += 1) pages.push(await listProducts(tx, { ...params, page }));
  return { total, pages, items: pages.flat() };
}

/** A throwaway category with `count` products priced 1,000 … count×1,000 naira, created one day apart. */
async function makeCategory(tx: Tx, count: number) {
  const [category] = await tx.insert(categories).values({ slug: 'test-listing', name: 'Test listing' }).returning();
  for (let index = 0; index < count; index += 1) {
    const [product] = await tx
      .insert(products)
      .values({
        slug: `test-listing-${index}`,
        title: `Listing item ${String(index).padStart(2, '0')}`,
        categoryId: category!.id,
        featured: index % 5 === 0,
        createdAt: new Date(Date.UTC(2025, 0, 1 + index)),
      })
      .returning();
    await tx.insert(productVariants).values({
      productId: product!.id,
      sku: `TEST-LST-${index}`,
      title: 'Default',
      // Out of order on purpose: creation order and price order differ.
      priceAmount: ((index * 7) % count) * 100_000 + 100_000,
      stockOnHand: 3,
    });
  }
  return category!;
}

describe('listing sort orders', () => {
  const prices = (items: Array<{ fromPriceAmount: number }>) => items.map((item) => item.fromPriceAmount);

  it('price ascending and descending are ordered by the lowest variant price across pages', async () => {
    const up = await allPages(db, { sort: 'price-asc', pageSize: 5 });
    const down = await allPages(db, { sort: 'price-desc', pageSize: 5 });
    expect(up.items.length).toBe(up.total);
    expect(prices(up.items)).toEqual([...prices(up.items)].sort((a, b) => a - b));
    expect(prices(down.items)).toEqual([...prices(down.items)].sort((a, b) => b - a));
    // Seeded extremes (other tests may add products, so only the seeded ones are compared): the bow tie is
    // ₦7,500, the weekender bag ₦98,000.
    const seeded = (items: Array<{ slug: string }>) => items.filter((item) => seedSlugs.has(item.slug));
    expect(seeded(up.items)).toHaveLength(seedProducts.length);
    expect(seeded(up.items)[0]).toMatchObject({ slug: 'kente-bow-tie', fromPriceAmount: 750_000 });
    expect(seeded(down.items)[0]).toMatchObject({ slug: 'leather-weekender-bag', fromPriceAmount: 9_800_000 });
  });

  it('shows a price range for products whose variants differ in price', async () => {
    const { items } = await allPages(db, { categorySlug: 'footwear', sort: 'featured', pageSize: 12 });
    const sneakers = items.find((item) => item.slug === 'runner-knit-sneakers');
    expect(sneakers).toMatchObject({ fromPriceAmount: 4_850_000, toPriceAmount: 5_000_000, currency: 'NGN' });
  });

  it('newest puts the most recently created first; featured puts featured products first', async () => {
    await inRollback(async (tx) => {
      await makeCategory(tx, 14);
      const newest = await allPages(tx, { categorySlug: 'test-listing', sort: 'newest', pageSize: 12 });
      expect(newest.items.map((item) => item.slug)).toEqual(Array.from({ length: 14 }, (_, index) => `test-listing-${13 - index}`));
      const featured = await allPages(tx, { categorySlug: 'test-listing', sort: 'featured', pageSize: 12 });
      expect(featured.items.slice(0, 3).map((item) => item.slug)).toEqual(['test-listing-10', 'test-listing-5', 'test-listing-0']);
    });
  });
});

describe('listing pagination', () => {
  it('splits 14 products into a page of 12 and a page of 2, with no product twice or missing', async () => {
    await inRollback(async (tx) => {
      await makeCategory(tx, 14);
      for (const sort of ['featured', 'newest', 'price-asc', 'price-desc'] as const) {
        const { total, pages, items } = await allPages(tx, { categorySlug: 'test-listing', sort, pageSize: 12 });
        expect(total).toBe(14);
        expect(pages.map((page) => page.length)).toEqual([12, 2]);
        expect(new Set(items.map((item) => item.slug)).size).toBe(14);
        expect(await listProducts(tx, { categorySlug: 'test-listing', sort, page: 3, pageSize: 12 })).toEqual([]);
      }
    });
  });

  it('counts only what a shopper can see: no drafts, no products whose variants are all archived', async () => {
    await inRollback(async (tx) => {
      await makeCategory(tx, 3);
      await tx.update(products).set({ status: 'draft' }).where(eq(products.slug, 'test-listing-0'));
      const [withdrawn] = await tx.select().from(products).where(eq(products.slug, 'test-listing-1'));
      await tx.update(productVariants).set({ archivedAt: new Date() }).where(eq(productVariants.productId, withdrawn!.id));
      expect(await countProducts(tx, { categorySlug: 'test-listing' })).toBe(1);
      const items = await listProducts(tx, { categorySlug: 'test-listing', sort: 'featured', page: 1, pageSize: 12 });
      expect(items.map((item) => item.slug)).toEqual(['test-listing-2']);
      expect(await listProductSlugs(tx)).not.toContain('test-listing-0');
      expect(await listProductSlugs(tx)).not.toContain('test-listing-1');
    });
  });

  it('counts the seeded categories', async () => {
    expect(await countProducts(db, { categorySlug: 'footwear' })).toBeGreaterThanOrEqual(4);
    expect(await countProducts(db, { categorySlug: 'no-such-category' })).toBe(0);
  });
});

describe('product detail', () => {
  it('returns options and sized images; live offers carry ordered variants with prices', async () => {
    const product = await getProductBySlug(db, 'runner-knit-sneakers');
    expect(product).toMatchObject({ title: 'Runner Knit Sneakers', optionNames: ['Size', 'Colour'], category: { slug: 'footwear' } });
    expect(product!.images[0]).toMatchObject({ url: '/products/runner-knit-sneakers.svg', width: 800, height: 800 });
    const offers = await listVariantOffers(db, 'runner-knit-sneakers');
    expect(offers).toHaveLength(12);
    expect(offers[0]).toMatchObject({ title: '40 / Black', options: { Size: '40', Colour: 'Black' }, priceAmount: 4_850_000, currency: 'NGN' });
    expect(offers.find((v) => v.title === '45 / Black')).toMatchObject({ priceAmount: 5_000_000 });
  });

  it('is null (and has no offers) for unknown, draft and archived products; archived variants are left out', async () => {
    expect(await getProductBySlug(db, 'no-such-product')).toBeNull();
    expect(await listVariantOffers(db, 'no-such-product')).toEqual([]);
    await inRollback(async (tx) => {
      await tx.update(products).set({ status: 'archived' }).where(eq(products.slug, 'straw-sun-hat'));
      await tx.update(products).set({ status: 'draft' }).where(eq(products.slug, 'suede-loafers'));
      expect(await getProductBySlug(tx, 'straw-sun-hat')).toBeNull();
      expect(await getProductBySlug(tx, 'suede-loafers')).toBeNull();
      expect(await listVariantOffers(tx, 'straw-sun-hat')).toEqual([]);
      expect(await availabilityBySlug(tx, ['suede-loafers'])).toEqual({});

      await tx.update(productVariants).set({ archivedAt: new Date() }).where(eq(productVariants.sku, 'CTN-TEE-XL-GRE'));
      const tee = await listVariantOffers(tx, 'everyday-cotton-tee');
      expect(tee.map((v) => v.sku)).not.toContain('CTN-TEE-XL-GRE');
      expect(tee).toHaveLength(11);

      const [bowTie] = await tx.select().from(products).where(eq(products.slug, 'kente-bow-tie'));
      await tx.update(productVariants).set({ archivedAt: new Date() }).where(eq(productVariants.productId, bowTie!.id));
      expect(await getProductBySlug(tx, 'kente-bow-tie')).toBeNull();
    });
  });
});

describe('availability = stock on hand − reserved', () => {
  const units = async (tx: Tx | typeof db, slug: string, title: string) =>
    (await listVariantOffers(tx, slug)).find((offer) => offer.title === title)!.available;

  it('reads the seeded figures: low stock, a sold-out variant and a sold-out product', async () => {
    expect(await units(db, 'runner-knit-sneakers', '45 / Black')).toBe(2);
    expect(await units(db, 'runner-knit-sneakers', '40 / White')).toBe(6);
    expect(await units(db, 'everyday-cotton-tee', 'XL / Green')).toBe(0);
    expect(await availabilityBySlug(db, ['kente-bow-tie'])).toEqual({ 'kente-bow-tie': 0 });
    // Runner: 11 variants × 6 + 45 / Black × 2.
    expect(await availabilityBySlug(db, ['runner-knit-sneakers', 'kente-bow-tie'])).toEqual({ 'runner-knit-sneakers': 68, 'kente-bow-tie': 0 });
  });

  it('drops as units are reserved and reaches zero when all are', async () => {
    await inRollback(async (tx) => {
      await tx.update(productVariants).set({ reserved: 1 }).where(eq(productVariants.sku, 'RNR-SNK-45-BLA'));
      expect(await units(tx, 'runner-knit-sneakers', '45 / Black')).toBe(1);
      expect((await availabilityBySlug(tx, ['runner-knit-sneakers']))['runner-knit-sneakers']).toBe(67);

      await tx.update(productVariants).set({ reserved: 2 }).where(eq(productVariants.sku, 'RNR-SNK-45-BLA'));
      expect(await units(tx, 'runner-knit-sneakers', '45 / Black')).toBe(0);
      expect((await availabilityBySlug(tx, ['runner-knit-sneakers']))['runner-knit-sneakers']).toBe(66);

      // Selling reserved units lowers both figures: what is left to buy stays on hand − reserved.
      await tx.update(productVariants).set({ stockOnHand: 6, reserved: 4 }).where(eq(productVariants.sku, 'RNR-SNK-40-WHI'));
      expect(await units(tx, 'runner-knit-sneakers', '40 / White')).toBe(2);
    });
  });

  it('sums a product over its live variants only', async () => {
    await inRollback(async (tx) => {
      // Brown 4 + Black 2 seeded.
      expect(await availabilityBySlug(tx, ['leather-weekender-bag'])).toEqual({ 'leather-weekender-bag': 6 });
      await tx
        .update(productVariants)
        .set({ archivedAt: new Date() })
        .where(inArray(productVariants.sku, ['LTH-WKD-BLA']));
      expect(await availabilityBySlug(tx, ['leather-weekender-bag'])).toEqual({ 'leather-weekender-bag': 4 });
    });
  });
});
