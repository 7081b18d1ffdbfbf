// Saves an edited product: its fields, images, existing variants (details, order, archived or not) and new variants
// with their starting stock, in one transaction under the product's row lock. The form carries the product's
// `updatedAt` as it was when opened, so a colleague's save in between is reported instead of silently undone. Stock
// on hand is never touched here (that is Inventory's version-checked adjustment). Every change is audited with what
// it was before and after. An archived product stays archived (unarchiving is its own action).
import { asc, eq, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client';
import { categories, productImages, products, productVariants } from '../../db/schema';
import { type AuditEntry, recordAudit } from '../audit/record-audit';
import { err, ok, type Result } from '../core/result';
import type { SaveProductError } from './create-product';
import { productConflicts, uniqueViolationErrors } from './product-conflicts';
import type { ProductFieldErrors, ProductInput, ProductVariantInput } from './product-form';

export type UpdateProductError = SaveProductError | { code: 'not_found' } | { code: 'changed_since_read'; updatedAt: Date };

class Refused extends Error {
  constructor(readonly error: UpdateProductError) {
    super(error.code);
  }
}

type Fields = Record<string, unknown>;
type ProductStatus = (typeof products.$inferSelect)['status'];

/** The keys whose values differ, as before/after objects holding only those keys. */
function changes(before: Fields, after: Fields): { before: Fields; after: Fields } | null {
  const keys = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  if (keys.length === 0) return null;
  return { before: Object.fromEntries(keys.map((key) => [key, before[key]])), after: Object.fromEntries(keys.map((key) => [key, after[key]])) };
}

const variantDetails = (variant: Pick<ProductVariantInput, 'sku' | 'title' | 'options' | 'priceAmount' | 'compareAtAmount'>) => ({
  sku: variant.sku,
  title: variant.title,
  options: variant.options,
  priceAmount: variant.priceAmount,
  compareAtAmount: variant.compareAtAmount,
});

export async function updateProduct(
  db: Database,
  params: { productId: string; expectedUpdatedAt: string; input: ProductInput; adminId: string },
): Promise<Result<{ id: string; slug: string; previousSlug: string; changed: boolean }, UpdateProductError>> {
  const { productId, input } = params;
  const actor = { type: 'admin', id: params.adminId } as const;
  try {
    return await db.transaction(async (tx) => {
      const [product] = await tx.select().from(products).where(eq(products.id, productId)).for('update');
      if (!product) throw new Refused({ code: 'not_found' });
      if (product.updatedAt.toISOString() !== params.expectedUpdatedAt) throw new Refused({ code: 'changed_since_read', updatedAt: product.updatedAt });

      const existing = await tx.select().from(productVariants).where(eq(productVariants.productId, productId)).orderBy(asc(productVariants.id));
      const byId = new Map(existing.map((variant) => [variant.id, variant]));
      const fieldErrors: ProductFieldErrors = await productConflicts(tx, input, productId);
      input.variants.forEach((variant, index) => {
        if (variant.id && !byId.has(variant.id)) fieldErrors[`variants.${index}.sku`] = ['This variant is not part of this product: reload the page'];
      });
      const [category] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, input.categoryId));
      if (!category) fieldErrors.categoryId = ['Choose a category'];
      if (Object.keys(fieldErrors).length > 0) throw new Refused({ code: 'invalid', fieldErrors });

      const entries: AuditEntry[] = [];
      const variantCounts = await saveVariants(tx, productId, input.variants, byId, entries, actor);

      const images = await tx
        .select({ url: productImages.url, alt: productImages.alt, width: productImages.width, height: productImages.height })
        .from(productImages)
        .where(eq(productImages.productId, productId))
        .orderBy(asc(productImages.position));
      const wantedImages = input.images.map(({ url, alt, width, height }) => ({ url, alt, width, height }));
      const imagesChanged = JSON.stringify(images) !== JSON.stringify(wantedImages);
      if (imagesChanged) {
        await tx.delete(productImages).where(eq(productImages.productId, productId));
        if (input.images.length > 0) await tx.insert(productImages).values(input.images.map((image) => ({ ...image, productId })));
      }

      const status: ProductStatus = product.status === 'archived' ? 'archived' : input.status;
      const fields = { title: input.title, slug: input.slug, description: input.description, categoryId: input.categoryId, status, featured: input.featured };
      const diff = changes({ ...product, optionNames: product.optionNames }, { ...fields, optionNames: input.optionNames });
      const variantsChanged = variantCounts.created + variantCounts.updated + variantCounts.archived + variantCounts.restored + variantCounts.reordered > 0;
      const changed = diff !== null || imagesChanged || variantsChanged;
      if (changed) {
        await tx
          .update(products)
          .set({ ...fields, optionNames: input.optionNames, updatedAt: new Date() })
          .where(eq(products.id, productId));
        entries.unshift({
          actor,
          action: 'product.updated',
          entityType: 'product',
          entityId: productId,
          before: { ...diff?.before, ...(imagesChanged ? { images: images.map((image) => image.url) } : {}) },
          after: { ...diff?.after, ...(imagesChanged ? { images: wantedImages.map((image) => image.url) } : {}) },
          metadata: { variants: variantCounts },
        });
        await recordAudit(tx, entries);
      }
      return ok({ id: productId, slug: input.slug, previousSlug: product.slug, changed });
    });
  } catch (error) {
    if (error instanceof Refused) return err(error.error);
    const raced = uniqueViolationErrors(error, input);
    if (raced) return err({ code: 'invalid', fieldErrors: raced });
    throw error;
  }
}

type ExistingVariant = typeof productVariants.$inferSelect;

/** Existing variants in ascending id order (the lock order of every stock writer), then the new ones. */
async function saveVariants(
  tx: Tx,
  productId: string,
  variants: ProductVariantInput[],
  byId: Map<string, ExistingVariant>,
  entries: AuditEntry[],
  actor: { type: 'admin'; id: string },
) {
  const counts = { created: 0, updated: 0, archived: 0, restored: 0, reordered: 0 };
  const kept = variants.filter((variant) => variant.id !== undefined).sort((a, b) => (a.id ?? '').localeCompare(b.id ?? ''));
  // Two variants swapping SKUs would trip the unique index mid-way: park the changing ones on unique placeholders first.
  const renamed = kept.filter((variant) => variant.id && byId.get(variant.id)?.sku !== variant.sku);
  for (const variant of renamed) {
    await tx
      .update(productVariants)
      .set({ sku: sql`'~' || ${productVariants.id}::text` })
      .where(eq(productVariants.id, variant.id as string));
  }
  for (const variant of kept) {
    const current = byId.get(variant.id as string) as ExistingVariant;
    const details = changes(variantDetails(current), variantDetails(variant));
    const archiving = variant.archived !== (current.archivedAt !== null);
    const moved = variant.position !== current.position;
    if (!details && !archiving && !moved) continue;
    await tx
      .update(productVariants)
      .set({
        ...variantDetails(variant),
        position: variant.position,
        ...(archiving ? { archivedAt: variant.archived ? new Date() : null } : {}),
      })
      .where(eq(productVariants.id, current.id));
    if (details) {
      counts.updated += 1;
      entries.push({ actor, action: 'variant.updated', entityType: 'variant', entityId: current.id, before: details.before, after: details.after });
    }
    if (archiving) {
      counts[variant.archived ? 'archived' : 'restored'] += 1;
      entries.push({ actor, action: variant.archived ? 'variant.archived' : 'variant.restored', entityType: 'variant', entityId: current.id });
    }
    if (moved && !details && !archiving) counts.reordered += 1;
  }
  const added = variants.filter((variant) => variant.id === undefined);
  for (const variant of added) {
    const [row] = await tx
      .insert(productVariants)
      .values({
        productId,
        ...variantDetails(variant),
        stockOnHand: variant.initialStock,
        position: variant.position,
        archivedAt: variant.archived ? new Date() : null,
      })
      .returning({ id: productVariants.id });
    if (!row) throw new Error(`Variant ${variant.sku} was not created`);
    counts.created += 1;
    entries.push({
      actor,
      action: 'variant.created',
      entityType: 'variant',
      entityId: row.id,
      after: { productId, ...variantDetails(variant), stockOnHand: variant.initialStock, version: 0 },
    });
  }
  return counts;
}
