// The one place that names the catalogue's cache tags and invalidates them.
//
// What is cached (`unstable_cache`, lib/server/deps/catalog.ts): static catalogue data — titles, descriptions, images,
// categories, listing order and card prices. What is NOT cached: availability (stock on hand − reserved) and the
// product page's variants and prices, read live on every request. Stock moves on every checkout, release job and
// webhook — some of those outside a request, where Next cannot revalidate anything — so a cached figure would
// sooner or later show a stale "In stock". Product or category edits (admin) must call `revalidateProduct` or
// `revalidateCatalog`.
import 'server-only';
import { revalidateTag } from 'next/cache';

export const catalogTags = {
  /** Every cached catalogue read carries this tag. */
  catalog: 'catalog',
  /** Category list (header navigation, home page). */
  categories: 'catalog:categories',
  /**
   * Every listing (all products, each category, featured, counts) and the slug index: one product edit can
   * reorder any of them, so they share a tag rather than one per category.
   */
  listings: 'catalog:listings',
  /** One product page's static data, by slug (the key the page is looked up by). */
  product: (slug: string) => `catalog:product:${slug}`,
} as const;

/** The shop settings (footer, checkout's delivery cards, /delivery, /returns): lib/server/deps/shop-settings.ts. */
export const settingsTag = 'shop-settings';

// `expire: 0`: the next request renders fresh data instead of a stale copy — a shopper must see a new price or a
// withdrawn product at once. Works in server actions and route handlers alike (updateTag is actions-only).
const now = { expire: 0 } as const;

/**
 * After creating, editing, archiving or re-pricing a product (or its variants or images). Pass the old and the
 * new slug when a slug changes. Call it from a server action or route handler: Next can only revalidate inside
 * a request.
 */
export function revalidateProduct(slugs: string | string[]): void {
  for (const slug of Array.isArray(slugs) ? slugs : [slugs]) revalidateTag(catalogTags.product(slug), now);
  revalidateTag(catalogTags.listings, now);
}

/** After category changes or bulk edits: drops every cached catalogue read. */
export function revalidateCatalog(): void {
  revalidateTag(catalogTags.catalog, now);
}

/** After the shop settings are saved: every page that shows them reads the new version on its next request. */
export function revalidateShopSettings(): void {
  revalidateTag(settingsTag, now);
}
