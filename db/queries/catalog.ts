// Catalogue reads for the storefront. Static data (titles, descriptions, images, listing order) and live data
// (variant prices and availability) are separate queries on purpose: the app caches the first and reads the
// second on every request. Live reads are keyed by slug, never by ids a cache may hold from an older database.
import 'server-only';
import { and, asc, countDistinct, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { preparedOnce } from '../prepared';
import { categories, productImages, products, productVariants } from '../schema';
import type { CurrencyCode } from '../../lib/core/money';

/** What a product card shows, without stock (stock is read live, see `availabilityBySlug`). */
export interface ProductSummary {
  id: string;
  slug: string;
  title: string;
  categoryName: string;
  categorySlug: string;
  imageUrl: string | null;
  imageAlt: string;
  fromPriceAmount: number;
  /** Highest variant price: a card says "From" when the two differ. */
  toPriceAmount: number;
  compareAtAmount: number | null;
  currency: CurrencyCode;
}

export interface ProductCard extends ProductSummary {
  /** Units that can still be bought across all variants: stock on hand minus reserved. */
  available: number;
}

/** The orders a listing can be read in; the list the shopper picks from is components/catalog/listing-params.ts. */
export type ProductSort = 'featured' | 'newest' | 'price-asc' | 'price-desc';

export interface ProductPage<T = ProductSummary> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

const liveVariant = and(eq(productVariants.productId, products.id), isNull(productVariants.archivedAt));
const fromPrice = sql<number>`min(${productVariants.priceAmount})::int`;

export const summaryColumns = {
  id: products.id,
  slug: products.slug,
  title: products.title,
  categoryName: categories.name,
  categorySlug: categories.slug,
  imageUrl: sql<
    string | null
  >`(SELECT ${productImages.url} FROM ${productImages} WHERE ${productImages.productId} = ${products.id} ORDER BY ${productImages.position} LIMIT 1)`,
  imageAlt: sql<string>`coalesce((SELECT ${productImages.alt} FROM ${productImages} WHERE ${productImages.productId} = ${products.id} ORDER BY ${productImages.position} LIMIT 1), ${products.title})`,
  fromPriceAmount: fromPrice,
  toPriceAmount: sql<number>`max(${productVariants.priceAmount})::int`,
  // The cheapest variant's "was" price, so the card's strike-through belongs to the price it shows.
  compareAtAmount: sql<
    number | null
  >`(array_agg(${productVariants.compareAtAmount} ORDER BY ${productVariants.priceAmount}, ${productVariants.position}))[1]::int`,
  currency: sql<CurrencyCode>`min(${productVariants.currency})`,
};

/** Sort orders end in a unique key so pages never overlap or skip a product. */
const sortOrder: Record<ProductSort, SQL[]> = {
  featured: [desc(products.featured), desc(products.createdAt), asc(products.id)],
  newest: [desc(products.createdAt), asc(products.id)],
  'price-asc': [asc(fromPrice), asc(products.title), asc(products.id)],
  'price-desc': [desc(fromPrice), asc(products.title), asc(products.id)],
};

/** Products a shopper can see: active, with at least one variant that is not archived. */
function visible(categorySlug?: string) {
  return and(eq(products.status, 'active'), categorySlug === undefined ? undefined : eq(categories.slug, categorySlug));
}

export async function listFeaturedProducts(db: DbOrTx, limit = 8): Promise<ProductSummary[]> {
  return db
    .select(summaryColumns)
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .innerJoin(productVariants, liveVariant)
    .where(visible())
    .groupBy(products.id, categories.name, categories.slug)
    .orderBy(...sortOrder.featured)
    .limit(limit);
}

/** How many products a listing has (all products, or one category's). */
export async function countProducts(db: DbOrTx, params: { categorySlug?: string } = {}): Promise<number> {
  const [row] = await db
    .select({ n: countDistinct(products.id) })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .innerJoin(productVariants, liveVariant)
    .where(visible(params.categorySlug));
  return row?.n ?? 0;
}

/** One page of a listing. `page` is 1-based; a page past the end is simply empty (the route decides what that means). */
export async function listProducts(
  db: DbOrTx,
  params: { categorySlug?: string; sort: ProductSort; page: number; pageSize: number },
): Promise<ProductSummary[]> {
  return db
    .select(summaryColumns)
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .innerJoin(productVariants, liveVariant)
    .where(visible(params.categorySlug))
    .groupBy(products.id, categories.name, categories.slug)
    .orderBy(...sortOrder[params.sort])
    .limit(params.pageSize)
    .offset((params.page - 1) * params.pageSize);
}

export async function listCategories(db: DbOrTx) {
  return db
    .select({ slug: categories.slug, name: categories.name, description: categories.description })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.name));
}

export type CategorySummary = Awaited<ReturnType<typeof listCategories>>[number];

export interface ProductDetail {
  id: string;
  slug: string;
  title: string;
  description: string;
  category: { slug: string; name: string };
  optionNames: string[];
  images: Array<{ url: string; alt: string; width: number; height: number }>;
}

/** An active product with at least one live variant, and its images; null when unknown, draft or archived. */
export async function getProductBySlug(db: DbOrTx, slug: string): Promise<ProductDetail | null> {
  const [product] = await db
    .select({
      id: products.id,
      slug: products.slug,
      title: products.title,
      description: products.description,
      optionNames: products.optionNames,
      category: { slug: categories.slug, name: categories.name },
    })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(and(eq(products.slug, slug), eq(products.status, 'active'), sql`EXISTS (SELECT 1 FROM ${productVariants} WHERE ${liveVariant})`));
  if (!product) return null;
  const images = await db
    .select({ url: productImages.url, alt: productImages.alt, width: productImages.width, height: productImages.height })
    .from(productImages)
    .where(eq(productImages.productId, product.id))
    .orderBy(asc(productImages.position));
  return { ...product, images };
}

/** Slugs of every product a shopper can open: lets a route reject unknown slugs before touching the cache. */
export async function listProductSlugs(db: DbOrTx): Promise<string[]> {
  const rows = await db.selectDistinct({ slug: products.slug }).from(products).innerJoin(productVariants, liveVariant).where(eq(products.status, 'active'));
  return rows.map((row) => row.slug);
}

const availableUnits = sql<number>`greatest(${productVariants.stockOnHand} - ${productVariants.reserved}, 0)::int`;

export interface VariantOffer {
  id: string;
  sku: string;
  title: string;
  options: Record<string, string>;
  priceAmount: number;
  compareAtAmount: number | null;
  currency: CurrencyCode;
  maxPerOrder: number;
  /** Stock on hand minus reserved, never below zero. */
  available: number;
}

/**
 * The live variants of an active product — price, options and availability as they are now. Looked up by
 * slug, the product's public key, so it never depends on ids held in a cache; empty once the product is
 * withdrawn, whatever a cache still says.
 */
export async function listVariantOffers(db: DbOrTx, slug: string): Promise<VariantOffer[]> {
  return db
    .select({
      id: productVariants.id,
      sku: productVariants.sku,
      title: productVariants.title,
      options: productVariants.options,
      priceAmount: productVariants.priceAmount,
      compareAtAmount: productVariants.compareAtAmount,
      currency: productVariants.currency,
      maxPerOrder: productVariants.maxPerOrder,
      available: availableUnits,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(eq(products.slug, slug), eq(products.status, 'active'), isNull(productVariants.archivedAt)))
    .orderBy(asc(productVariants.position), asc(productVariants.sku));
}

// GET /api/stock runs one of these for every open catalogue tab about once a second: prepared once (db/prepared.ts).
const stockBySlug = (db: DbOrTx, name: string) =>
  db
    .select({ slug: products.slug, available: sql<number>`coalesce(sum(${availableUnits}), 0)::int` })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(sql`${products.slug} = any(${sql.placeholder('slugs')})`, eq(products.status, 'active'), isNull(productVariants.archivedAt)))
    .groupBy(products.slug)
    .prepare(name);

const stockByVariant = (db: DbOrTx, name: string) =>
  db
    .select({
      id: productVariants.id,
      available: sql<number>`case when ${products.status} = 'active' and ${productVariants.archivedAt} is null then ${availableUnits} else 0 end`,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(sql`${productVariants.id} = any(${sql.placeholder('ids')})`)
    .prepare(name);

/** Live units per product slug across its live variants, for cards; slugs missing from the result have none. */
export async function availabilityBySlug(db: DbOrTx, slugs: string[]): Promise<Record<string, number>> {
  if (slugs.length === 0) return {};
  const rows = await preparedOnce(db, 'stock_by_slug', stockBySlug).execute({ slugs });
  return Object.fromEntries(rows.map((row) => [row.slug, row.available]));
}

/**
 * Live units per variant id — one statement, for GET /api/stock. Archived variants and variants of a product that is
 * not active answer 0 (a shopper cannot buy them); ids that match nothing are simply absent.
 */
export async function availabilityByVariant(db: DbOrTx, variantIds: string[]): Promise<Record<string, number>> {
  if (variantIds.length === 0) return {};
  const rows = await preparedOnce(db, 'stock_by_variant', stockByVariant).execute({ ids: variantIds });
  return Object.fromEntries(rows.map((row) => [row.id, row.available]));
}
