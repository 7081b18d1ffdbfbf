// Product reads for the admin console: the products list (search, status filter, sort, pages; plain JSON for GET
// /api/admin/products) and one product with every variant and image for the edit form. Callers authorise the admin.
import { and, asc, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { listPage, listQuerySchema, type ListPage, urlEnum } from '../../lib/core/list-query';
import type { DbOrTx } from '../client';
import { categories, productImages, products, productVariants } from '../schema';

type ProductStatus = (typeof products.$inferSelect)['status'];

export const productListQuery = listQuerySchema({
  sorts: ['title', 'status', 'category', 'price', 'available', 'updated'],
  defaultSort: 'updated',
  defaultDir: 'desc',
  filters: { status: urlEnum(['active', 'draft', 'archived']) },
});

export type ProductListQuery = ReturnType<typeof productListQuery.parse>;

export interface ProductListRow {
  id: string;
  title: string;
  slug: string;
  status: ProductStatus;
  categoryName: string;
  imageUrl: string | null;
  /** Variants on sale (not archived). */
  variants: number;
  fromPriceAmount: number | null;
  toPriceAmount: number | null;
  available: number;
  updatedAt: string;
}

const liveVariants = sql`${productVariants.productId} = ${products.id} AND ${productVariants.archivedAt} IS NULL`;
const fromPrice = sql<number | null>`(SELECT min(${productVariants.priceAmount})::int FROM ${productVariants} WHERE ${liveVariants})`;
const availableUnits = sql<number>`(SELECT coalesce(sum(${productVariants.stockOnHand} - ${productVariants.reserved}), 0)::int FROM ${productVariants} WHERE ${liveVariants})`;

const sortColumns: Record<ProductListQuery['sort'], SQL | AnyPgColumn> = {
  title: products.title,
  status: sql`${products.status}::text`,
  category: categories.name,
  price: fromPrice,
  available: availableUnits,
  updated: products.updatedAt,
};

/** `%` and `_` typed in the search box are literal characters, not patterns. */
const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

function productWhere(query: Pick<ProductListQuery, 'q' | 'status'>): SQL | undefined {
  const conditions: SQL[] = [];
  if (query.q) {
    const pattern = likeContaining(query.q);
    conditions.push(
      or(
        ilike(products.title, pattern),
        ilike(products.slug, pattern),
        sql`EXISTS (SELECT 1 FROM ${productVariants} WHERE ${productVariants.productId} = ${products.id} AND ${productVariants.sku} ILIKE ${pattern})`,
      ) as SQL,
    );
  }
  if (query.status) conditions.push(eq(products.status, query.status));
  return conditions.length > 0 ? and(...conditions) : undefined;
}

export async function listAdminProducts(db: DbOrTx, query: ProductListQuery): Promise<ListPage<ProductListRow>> {
  const where = productWhere(query);
  const [counted] = await db.select({ total: count() }).from(products).where(where);
  const direction = query.dir === 'asc' ? asc : desc;
  const rows = await db
    .select({
      id: products.id,
      title: products.title,
      slug: products.slug,
      status: products.status,
      categoryName: categories.name,
      imageUrl: sql<
        string | null
      >`(SELECT ${productImages.url} FROM ${productImages} WHERE ${productImages.productId} = ${products.id} ORDER BY ${productImages.position} LIMIT 1)`,
      variants: sql<number>`(SELECT count(*)::int FROM ${productVariants} WHERE ${liveVariants})`,
      fromPriceAmount: fromPrice,
      toPriceAmount: sql<number | null>`(SELECT max(${productVariants.priceAmount})::int FROM ${productVariants} WHERE ${liveVariants})`,
      available: availableUnits,
      updatedAt: sql<string>`to_char(${products.updatedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(where)
    .orderBy(direction(sortColumns[query.sort]), asc(products.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return listPage(rows, counted?.total ?? 0, query);
}

/** Every category, for the form's select. */
export async function categoryOptions(db: DbOrTx) {
  return db.select({ id: categories.id, name: categories.name }).from(categories).orderBy(asc(categories.position), asc(categories.name));
}

/** A product as the edit form needs it: fields, images in order, every variant (archived too) with its stock. */
export async function getProductForEdit(db: DbOrTx, productId: string) {
  const [product] = await db.select().from(products).where(eq(products.id, productId));
  if (!product) return null;
  const [variants, images] = await Promise.all([
    db
      .select({
        id: productVariants.id,
        sku: productVariants.sku,
        title: productVariants.title,
        options: productVariants.options,
        priceAmount: productVariants.priceAmount,
        compareAtAmount: productVariants.compareAtAmount,
        stockOnHand: productVariants.stockOnHand,
        reserved: productVariants.reserved,
        archivedAt: productVariants.archivedAt,
      })
      .from(productVariants)
      .where(eq(productVariants.productId, productId))
      .orderBy(asc(productVariants.position), asc(productVariants.sku)),
    db
      .select({ url: productImages.url, alt: productImages.alt, width: productImages.width, height: productImages.height })
      .from(productImages)
      .where(eq(productImages.productId, productId))
      .orderBy(asc(productImages.position)),
  ]);
  return { product, variants, images };
}

export type ProductForEdit = NonNullable<Awaited<ReturnType<typeof getProductForEdit>>>;
