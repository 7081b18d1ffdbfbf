// Whether a product's slug and its variants' SKUs are free, as field errors the form shows next to each field. Checked
// inside the saving transaction; a save racing another for the same slug or SKU still hits the unique constraint,
// which `uniqueViolationErrors` turns into the same field errors.
import { and, eq, inArray, ne, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { products, productVariants } from '../../db/schema';
import type { ProductFieldErrors, ProductInput } from './product-form';

export async function productConflicts(db: DbOrTx, input: ProductInput, productId?: string): Promise<ProductFieldErrors> {
  const errors: ProductFieldErrors = {};
  const [slugOwner] = await db
    .select({ title: products.title })
    .from(products)
    .where(and(eq(products.slug, input.slug), productId ? ne(products.id, productId) : undefined));
  if (slugOwner) errors.slug = [`“${slugOwner.title}” already uses this slug`];

  const skus = input.variants.map((variant) => variant.sku);
  const others: SQL[] = [inArray(productVariants.sku, skus)];
  if (productId) others.push(ne(productVariants.productId, productId));
  const taken = await db
    .select({ sku: productVariants.sku, variant: productVariants.title, product: products.title })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(...others));
  const owner = new Map(taken.map((row) => [row.sku, `${row.product} – ${row.variant}`]));
  input.variants.forEach((variant, index) => {
    const used = owner.get(variant.sku);
    if (used) errors[`variants.${index}.sku`] = [`Already used by ${used}`];
  });
  return errors;
}

/** A unique violation from Postgres (through Drizzle's wrapper), mapped to the field it is about; null for anything else. */
export function uniqueViolationErrors(error: unknown, input: ProductInput): ProductFieldErrors | null {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const pg = cause as { code?: string; constraint_name?: string; detail?: string };
  if (pg?.code !== '23505') return null;
  if (pg.constraint_name === 'products_slug_unique') return { slug: ['Another product already uses this slug'] };
  if (pg.constraint_name === 'product_variants_sku_unique') {
    const sku = /\(sku\)=\((.*)\)/.exec(pg.detail ?? '')?.[1];
    const index = input.variants.findIndex((variant) => variant.sku === sku);
    return index >= 0 ? { [`variants.${index}.sku`]: ['Another variant already uses this SKU'] } : { variants: ['A SKU is already used by another variant'] };
  }
  return null;
}
