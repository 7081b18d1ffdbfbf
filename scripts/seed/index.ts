// Seeds the demo shop. Safe to re-run: every insert skips rows that already exist, so stock sold since the
// first run is never reset and no row is duplicated.
import bcrypt from 'bcryptjs';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { categories, productImages, products, productVariants, users } from '../../db/schema';
import { seedCategories, seedProducts, seedUsers } from './catalogue';
import { expandVariants } from './expand-variants';

export async function seedDatabase(db: Database): Promise<{ productsCreated: number; usersCreated: number }> {
  let productsCreated = 0;
  let usersCreated = 0;

  await db.transaction(async (tx) => {
    await tx.insert(categories).values(seedCategories).onConflictDoNothing({ target: categories.slug });
    const categoryRows = await tx.select({ id: categories.id, slug: categories.slug }).from(categories);
    const categoryId = new Map(categoryRows.map((row) => [row.slug, row.id]));

    for (const [index, product] of seedProducts.entries()) {
      const variants = expandVariants(product);
      const productCategoryId = categoryId.get(product.category);
      if (!productCategoryId) throw new Error(`seed product ${product.slug} names an unknown category ${product.category}`);
      const [created] = await tx
        .insert(products)
        .values({
          slug: product.slug,
          title: product.title,
          description: product.description,
          categoryId: productCategoryId,
          featured: product.featured ?? false,
          optionNames: Object.keys(product.options),
          // Spread creation times so "newest" sorting is meaningful and stable.
          createdAt: new Date(Date.UTC(2026, 9, 1 + index)),
        })
        .onConflictDoNothing({ target: products.slug })
        .returning({ id: products.id });
      if (!created) continue;
      productsCreated += 1;
      await tx.insert(productImages).values({
        productId: created.id,
        url: `/products/${product.slug}.svg`,
        alt: product.title,
        width: 800,
        height: 800,
        position: 0,
      });
      await tx
        .insert(productVariants)
        .values(
          variants.map((variant) => ({
            ...variant,
            productId: created.id,
            compareAtAmount: product.compareAtAmount ?? null,
            currency: 'NGN' as const,
          })),
        )
        .onConflictDoNothing({ target: productVariants.sku });
    }
  });

  for (const user of seedUsers) {
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, user.email));
    if (existing) continue;
    const passwordHash = await bcrypt.hash(user.password, 12);
    const inserted = await db
      .insert(users)
      .values({ email: user.email, name: user.name, passwordHash, role: user.role })
      .onConflictDoNothing()
      .returning({ id: users.id });
    usersCreated += inserted.length;
  }

  return { productsCreated, usersCreated };
}

export { seedUsers };
