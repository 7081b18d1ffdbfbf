// What the database says about the variants in a cart: price, titles, availability and the per-line maximum.
// Every price and limit the cart shows comes from here, never from the client or from Redis.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { preparedOnce } from '@/db/prepared';
import { productImages, products, productVariants } from '@/db/schema';
import type { CurrencyCode } from '../core/money';
import { variantName } from '../products/variant-title';

export interface VariantLimits {
  variantId: string;
  productId: string;
  productSlug: string;
  productTitle: string;
  variantTitle: string;
  sku: string;
  imageUrl: string | null;
  priceAmount: number;
  currency: CurrencyCode;
  /** stock_on_hand − reserved; can be 0 (sold out). */
  available: number;
  maxPerOrder: number;
  /** False for an archived variant or a product that is no longer active: it cannot be bought. */
  purchasable: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isVariantId = (value: string) => UUID.test(value);

/** The most units one cart line may hold right now; 0 means the variant cannot be bought at all. */
export function lineCap(limits: Pick<VariantLimits, 'available' | 'maxPerOrder' | 'purchasable'>): number {
  if (!limits.purchasable) return 0;
  return Math.max(0, Math.min(limits.maxPerOrder, limits.available));
}

/** A readable name for messages: "Adire Indigo Shirt (M / Indigo)". */
export function displayTitle(limits: Pick<VariantLimits, 'productTitle' | 'variantTitle'>): string {
  const name = variantName(limits.variantTitle);
  return name ? `${limits.productTitle} (${name})` : limits.productTitle;
}

const variantLimitsStatement = (db: DbOrTx, name: string) =>
  db
    .select({
      variantId: productVariants.id,
      productId: products.id,
      productSlug: products.slug,
      productTitle: products.title,
      variantTitle: productVariants.title,
      sku: productVariants.sku,
      imageUrl: sql<
        string | null
      >`(SELECT ${productImages.url} FROM ${productImages} WHERE ${productImages.productId} = ${products.id} ORDER BY ${productImages.position} LIMIT 1)`,
      priceAmount: productVariants.priceAmount,
      currency: productVariants.currency,
      available: sql<number>`(${productVariants.stockOnHand} - ${productVariants.reserved})::int`,
      maxPerOrder: productVariants.maxPerOrder,
      archivedAt: productVariants.archivedAt,
      productStatus: products.status,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(sql`${productVariants.id} = any(${sql.placeholder('ids')})`, sql`${products.status} <> 'draft'`))
    .prepare(name);

/**
 * Loads the variants by id. Draft products are left out (they are not for sale and not public), so an id that is
 * missing from the map is "not found"; archived variants and archived products come back with purchasable=false.
 */
export async function loadVariantLimits(db: DbOrTx, variantIds: readonly string[]): Promise<Map<string, VariantLimits>> {
  const ids = [...new Set(variantIds.filter(isVariantId))];
  if (ids.length === 0) return new Map();
  // Every cart read and write runs it: prepared once per database handle (db/prepared.ts).
  const rows = await preparedOnce(db, 'variant_limits', variantLimitsStatement).execute({ ids });
  return new Map(
    rows.map(({ archivedAt, productStatus, currency, ...row }) => [
      row.variantId,
      { ...row, currency: currency, purchasable: archivedAt === null && productStatus === 'active' },
    ]),
  );
}
