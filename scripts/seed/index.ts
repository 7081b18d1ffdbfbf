// Seeds the demo shop. Safe to re-run: every insert skips rows that already exist, so stock sold since the
// first run is never reset and no row is duplicated.
import bcrypt from 'bcryptjs';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { generatePassword } from '../../lib/auth/create-admin';
import { categories, productImages, products, productVariants, shopSettings, users } from '../../db/schema';
import { defaultShopSettings } from '../../lib/settings/shop-settings';
import { seedCategories, seedProducts, seedUsers } from './catalogue';
import { expandVariants } from './expand-variants';

export interface SeedOptions {
  /**
   * `published` (the default, for databases on this machine): the demo accounts get the passwords in the README.
   * `generated`: each new account gets a strong random password instead (the admin's from `adminPassword` when set),
   * returned in `credentials` to be shown once — for a demo catalogue seeded anywhere else.
   */
  passwords?: 'published' | 'generated';
  adminPassword?: string;
}

export interface SeedResult {
  productsCreated: number;
  usersCreated: number;
  /** Generated (or ADMIN_PASSWORD) passwords of the accounts this run created; empty with published passwords. */
  credentials: Array<{ email: string; role: 'admin' | 'customer'; password: string }>;
}

export async function seedDatabase(db: Database, options: SeedOptions = {}): Promise<SeedResult> {
  let productsCreated = 0;
  let usersCreated = 0;
  const credentials: SeedResult['credentials'] = [];

  await db.transaction(async (tx) => {
    // The demo Lagos shop's settings as version 1; an owner's saved versions are never touched.
    await tx.insert(shopSettings).values({ version: 1, settings: defaultShopSettings }).onConflictDoNothing({ target: shopSettings.version });
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
    const password =
      options.passwords !== 'generated' ? user.password : user.role === 'admin' && options.adminPassword ? options.adminPassword : generatePassword(user.email);
    const passwordHash = await bcrypt.hash(password, 12);
    const inserted = await db
      .insert(users)
      // Demo accounts are ready to sign in: their addresses count as verified.
      .values({ email: user.email, name: user.name, passwordHash, role: user.role, emailVerifiedAt: new Date() })
      .onConflictDoNothing()
      .returning({ id: users.id });
    usersCreated += inserted.length;
    if (inserted.length > 0 && options.passwords === 'generated') credentials.push({ email: user.email, role: user.role, password });
  }

  return { productsCreated, usersCreated, credentials };
}

export { seedUsers };
