// Test-owned products: each test makes its own variants so concurrent test files never share stock.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { categories, products, productVariants } from '../../db/schema';

export async function createTestVariants(
  db: Database,
  specs: Array<{ stock: number; priceAmount?: number; maxPerOrder?: number }>,
): Promise<Array<typeof productVariants.$inferSelect>> {
  const tag = randomUUID().slice(0, 8);
  const [category] = await db.select({ id: categories.id }).from(categories).where(eq(categories.slug, 'accessories'));
  const [product] = await db
    .insert(products)
    .values({ slug: `test-${tag}`, title: `Test product ${tag}`, categoryId: category!.id, status: 'active', optionNames: ['Size'] })
    .returning();
  return db
    .insert(productVariants)
    .values(
      specs.map((spec, index) => ({
        productId: product!.id,
        sku: `TEST-${tag}-${index}`,
        title: `Size ${index + 1}`,
        options: { Size: String(index + 1) },
        priceAmount: spec.priceAmount ?? 1_000_00,
        stockOnHand: spec.stock,
        maxPerOrder: spec.maxPerOrder ?? 10,
        position: index,
      })),
    )
    .returning();
}

export async function variantStock(db: Database, variantId: string) {
  const [row] = await db
    .select({ stockOnHand: productVariants.stockOnHand, reserved: productVariants.reserved, version: productVariants.version })
    .from(productVariants)
    .where(eq(productVariants.id, variantId));
  return row!;
}

export const testAddress = {
  fullName: 'Ngozi Test',
  phone: '08031234567',
  line1: '12 Admiralty Way',
  city: 'Lekki',
  state: 'Lagos' as const,
  country: 'NG' as const,
};
