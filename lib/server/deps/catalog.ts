// The storefront's catalogue reads: static data through Next's data cache (tagged, see cache-tags.ts), stock
// read live on every request and merged in. Pages call these, never the raw queries.
import 'server-only';
import { unstable_cache } from 'next/cache';
import { connection } from 'next/server';
import { cache } from 'react';
import { db } from '@/db';
import {
  availabilityBySlug,
  countProducts,
  getProductBySlug,
  listCategories,
  listFeaturedProducts,
  listProducts,
  listProductSlugs,
  listVariantOffers,
  type ProductCard,
  type ProductPage,
  type ProductSort,
  type ProductSummary,
} from '@/db/queries/catalog';
import { countSearchResults, searchProducts } from '@/db/queries/catalog-search';
import { catalogTags } from './cache-tags';

export const PAGE_SIZE = 12;

// Tags do the real invalidation, in the data cache every app process shares (Redis, lib/server/cache/); the time limit
// only heals a revalidation that never reached Redis. Cached values go through JSON: no Dates in them.
const BACKSTOP_SECONDS = 300;
const cachedRead = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, key: string, tags: string[]) =>
  unstable_cache(fn, ['catalog', key], { tags: [catalogTags.catalog, ...tags], revalidate: BACKSTOP_SECONDS });

export const getCategories = cache(cachedRead(() => listCategories(db), 'categories', [catalogTags.categories]));

const productSlugs = cachedRead(() => listProductSlugs(db), 'product-slugs', [catalogTags.listings]);

/**
 * Stock for cards as the page is rendered: only the first paint (the cards then follow GET /api/stock), so a page the
 * front caches for a few seconds may hold an older figure. `connection()` keeps the page out of build-time
 * prerendering: a prerendered page would carry no nonce, and the CSP would block its scripts.
 */
async function withAvailability(items: ProductSummary[]): Promise<ProductCard[]> {
  await connection();
  const available = await availabilityBySlug(
    db,
    items.map((item) => item.slug),
  );
  return items.map((item) => ({ ...item, available: available[item.slug] ?? 0 }));
}

export async function getFeaturedProducts(limit = 8): Promise<ProductCard[]> {
  const items = await cachedRead((n: number) => listFeaturedProducts(db, n), 'featured', [catalogTags.listings])(limit);
  return withAvailability(items);
}

/**
 * One page of all products or of one (existing) category. Null when the page is past the end, so the route
 * can answer 404 — checked against the cached count first, so junk page numbers never become cache entries.
 */
export async function getListingPage(params: { categorySlug?: string; sort: ProductSort; page: number }): Promise<ProductPage<ProductCard> | null> {
  const { categorySlug, sort, page } = params;
  const tags = [catalogTags.listings];
  const total = await cachedRead((slug?: string) => countProducts(db, { categorySlug: slug }), 'count', tags)(categorySlug);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (page > pageCount) return null;
  const items = await cachedRead(
    (slug: string | undefined, order: ProductSort, n: number) => listProducts(db, { categorySlug: slug, sort: order, page: n, pageSize: PAGE_SIZE }),
    'listing',
    tags,
  )(categorySlug, sort, page);
  return { items: await withAvailability(items), total, page, pageSize: PAGE_SIZE, pageCount };
}

/** Static product data; null for unknown, draft or archived products (unknown slugs never reach the cache). */
export const getProduct = cache(async (slug: string) => {
  if (!(await productSlugs()).includes(slug)) return null;
  return cachedRead((s: string) => getProductBySlug(db, s), 'product', [catalogTags.product(slug)])(slug);
});

/** Live variants (price, options, availability) of an active product; empty when it is gone. */
export const getVariantOffers = cache(async (slug: string) => {
  await connection();
  return listVariantOffers(db, slug);
});

/**
 * Search is not cached: its key is whatever a visitor types, so caching it would let anyone fill the cache;
 * the GIN index makes the query itself cheap. Null when the page is past the end.
 */
export async function searchCatalog(query: string, page: number): Promise<ProductPage<ProductCard> | null> {
  await connection();
  const total = await countSearchResults(db, query);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (page > pageCount) return null;
  const hits = await searchProducts(db, { query, page, pageSize: PAGE_SIZE });
  return { items: await withAvailability(hits), total, page, pageSize: PAGE_SIZE, pageCount };
}
