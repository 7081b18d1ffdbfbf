// Catalogue search: Postgres full-text search over title (weight A) and description (weight B), with a prefix
// and substring fallback so a half-typed word ("sneak") still finds "Sneakers".
import 'server-only';
import { and, asc, countDistinct, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { categories, products, productVariants } from '../schema';
import { summaryColumns, type ProductSummary } from './catalog';

/** Letters and digits only, so the words can go into `to_tsquery` without any syntax of their own. */
export function prefixQueryText(query: string): string | null {
  const words =
    query
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, 8) ?? [];
  return words.length === 0 ? null : words.map((word) => `${word}:*`).join(' & ');
}

/** `%`, `_` and `\` typed by a shopper are literal characters, not ILIKE wildcards. */
export function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function searchTerms(query: string) {
  const full = sql`websearch_to_tsquery('english', ${query})`;
  const prefixText = prefixQueryText(query);
  // An impossible query when there are no words: keeps the SQL one shape.
  const prefix = sql`to_tsquery('english', ${prefixText ?? ''})`;
  const pattern = likePattern(query);
  const match = or(
    sql`${products.searchVector} @@ ${full}`,
    prefixText ? sql`${products.searchVector} @@ ${prefix}` : undefined,
    sql`${products.title} ILIKE ${pattern}`,
    sql`${products.description} ILIKE ${pattern}`,
  );
  // Whole-word matches first (by ts_rank), then prefix matches, then plain substring matches.
  // Normalisation 32 maps each rank into [0, 1), so the tiers never overlap.
  const rank = sql<number>`max(CASE
    WHEN ${products.searchVector} @@ ${full} THEN 2 + ts_rank(${products.searchVector}, ${full}, 32)
    WHEN ${products.searchVector} @@ ${prefix} THEN 1 + ts_rank(${products.searchVector}, ${prefix}, 32)
    ELSE 0 END)`;
  return { match, rank };
}

const liveVariant = and(eq(productVariants.productId, products.id), isNull(productVariants.archivedAt));

export async function countSearchResults(db: DbOrTx, query: string): Promise<number> {
  const { match } = searchTerms(query);
  const [row] = await db
    .select({ n: countDistinct(products.id) })
    .from(products)
    .innerJoin(productVariants, liveVariant)
    .where(and(eq(products.status, 'active'), match));
  return row?.n ?? 0;
}

export interface SearchHit extends ProductSummary {
  rank: number;
}

/** One page of results, best first. */
export async function searchProducts(db: DbOrTx, params: { query: string; page: number; pageSize: number }): Promise<SearchHit[]> {
  const { match, rank } = searchTerms(params.query);
  return db
    .select({ ...summaryColumns, rank: sql<number>`${rank}::float8` })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .innerJoin(productVariants, liveVariant)
    .where(and(eq(products.status, 'active'), match))
    .groupBy(products.id, categories.name, categories.slug)
    .orderBy(desc(rank), asc(products.title), asc(products.id))
    .limit(params.pageSize)
    .offset((params.page - 1) * params.pageSize);
}
