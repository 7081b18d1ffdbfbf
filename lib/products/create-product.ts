// A new product with its variants (each with its starting stock) and images, in one transaction: all of it exists, or
// none of it. A taken slug or SKU comes back as field errors. Audited: the product, and each variant with the stock it
// starts with, so a variant's stock history begins at its creation.
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { firstOrThrow } from '../../db/first';
import { categories, productImages, products, productVariants } from '../../db/schema';
import { type AuditEntry, recordAudit } from '../audit/record-audit';
import { err, ok, type Result } from '../core/result';
import { productConflicts, uniqueViolationErrors } from './product-conflicts';
import type { ProductFieldErrors, ProductInput } from './product-form';

export type SaveProductError = { code: 'invalid'; fieldErrors: ProductFieldErrors };

class Refused extends Error {
  constructor(readonly fieldErrors: ProductFieldErrors) {
    super('refused');
  }
}

export async function createProduct(db: Database, input: ProductInput, adminId: string): Promise<Result<{ id: string; slug: string }, SaveProductError>> {
  try {
    const created = await db.transaction(async (tx) => {
      const [category] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, input.categoryId));
      const conflicts = await productConflicts(tx, input);
      if (!category) conflicts.categoryId = ['Choose a category'];
      if (Object.keys(conflicts).length > 0) throw new Refused(conflicts);

      const product = firstOrThrow(
        await tx
          .insert(products)
          .values({
            slug: input.slug,
            title: input.title,
            description: input.description,
            categoryId: input.categoryId,
            status: input.status,
            featured: input.featured,
            optionNames: input.optionNames,
          })
          .returning({ id: products.id, slug: products.slug }),
        'the new product',
      );
      const variants = await tx
        .insert(productVariants)
        .values(
          input.variants.map((variant) => ({
            productId: product.id,
            sku: variant.sku,
            title: variant.title,
            options: variant.options,
            priceAmount: variant.priceAmount,
            compareAtAmount: variant.compareAtAmount,
            stockOnHand: variant.initialStock,
            position: variant.position,
            archivedAt: variant.archived ? new Date() : null,
          })),
        )
        .returning({ id: productVariants.id, sku: productVariants.sku, stockOnHand: productVariants.stockOnHand, version: productVariants.version });
      if (input.images.length > 0) await tx.insert(productImages).values(input.images.map((image) => ({ ...image, productId: product.id })));

      const actor = { type: 'admin', id: adminId } as const;
      const entries: AuditEntry[] = [
        {
          actor,
          action: 'product.created',
          entityType: 'product',
          entityId: product.id,
          after: {
            title: input.title,
            slug: input.slug,
            status: input.status,
            categoryId: input.categoryId,
            optionNames: input.optionNames,
            images: input.images.map((image) => image.url),
            variants: variants.map((variant) => variant.sku),
          },
        },
        ...input.variants.map((variant) => ({
          actor,
          action: 'variant.created',
          entityType: 'variant' as const,
          entityId: firstOrThrow(
            variants.filter((row) => row.sku === variant.sku),
            `the new variant ${variant.sku}`,
          ).id,
          after: {
            productId: product.id,
            sku: variant.sku,
            title: variant.title,
            priceAmount: variant.priceAmount,
            compareAtAmount: variant.compareAtAmount,
            stockOnHand: variant.initialStock,
            version: 0,
          },
        })),
      ];
      await recordAudit(tx, entries);
      return product;
    });
    return ok(created);
  } catch (error) {
    if (error instanceof Refused) return err({ code: 'invalid', fieldErrors: error.fieldErrors });
    const raced = uniqueViolationErrors(error, input);
    if (raced) return err({ code: 'invalid', fieldErrors: raced });
    throw error;
  }
}
