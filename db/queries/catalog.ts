import 'server-only';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { categories, productImages, products, productVariants } from '../schema';

export interface ProductCard {
  id: string;
  slug: string;
  title: string;
  categoryName: string;
  imageUrl: string | null;
  imageAlt: string;
  fromPriceAmount: number;
  compareAtAmount: number | null;
  currency: string;
  /** Units that can still be bought across all variants: stock on hand minus reserved. */
  available: number;
}

const cardColumns = {
  id: products.id,
  slug: products.slug,
  title: products.title,
  categoryName: categories.name,
  imageUrl: sql<string | null>`(SELECT ${productImages.url} FROM ${productImages} WHERE ${productImages.productId} = ${products.id} ORDER BY ${productImages.position} LIMIT 1)`,
  imageAlt: products.title,
  fromPriceAmount: sql<number>`min(${productVariants.priceAmount})::int`,
  compareAtAmount: sql<number | null>`max(${productVariants.compareAtAmount})::int`,
  currency: sql<string>`min(${productVariants.currency})`,
  available: sql<number>`coalesce(sum(${productVariants.stockOnHand} - ${productVariants.reserved}), 0)::int`,
};

/** Active products with their cheapest price and availability, featured first. */
export async function listFeaturedProducts(db: DbOrTx, limit = 8): Promise<ProductCard[]> {
  return db
    .select(cardColumns)
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .innerJoin(productVariants, and(eq(productVariants.productId, products.id), sql`${productVariants.archivedAt} IS NULL`))
    .where(eq(products.status, 'active'))
    .groupBy(products.id, categories.name)
    .orderBy(desc(products.featured), desc(products.createdAt))
    .limit(limit);
}

export async function listCategories(db: DbOrTx) {
  return db
    .select({ slug: categories.slug, name: categories.name, description: categories.description })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.name));
}
