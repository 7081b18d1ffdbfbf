// The demo shop the README promises, and a second seed run that changes nothing.
import { count, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { categories, products, productVariants, users } from '@/db/schema';
import { seedDatabase } from '../../scripts/seed/index';
import { testDatabase } from '../support/db';

const { db, sql } = testDatabase();
afterAll(() => sql.end());

async function counts() {
  const [[c], [p], [v], [u]] = await Promise.all([
    db.select({ n: count() }).from(categories),
    db.select({ n: count() }).from(products),
    db.select({ n: count() }).from(productVariants),
    db.select({ n: count() }).from(users),
  ]);
  return { categories: c!.n, products: p!.n, variants: v!.n, users: u!.n };
}

describe('seed', () => {
  it('creates the demo shop with demo accounts', async () => {
    const now = await counts();
    expect(now.categories).toBeGreaterThanOrEqual(3);
    expect(now.products).toBeGreaterThanOrEqual(16);
    const [admin] = await db.select().from(users).where(eq(users.email, 'admin@shop.test'));
    expect(admin?.role).toBe('admin');
    expect(admin?.passwordHash).toMatch(/^\$2[aby]\$12\$/);
  });

  it('is safe to run again: no duplicates, no stock reset', async () => {
    const [variant] = await db.select().from(productVariants).where(eq(productVariants.sku, 'BRS-CUF'));
    expect(variant).toBeDefined();
    await db
      .update(productVariants)
      .set({ stockOnHand: variant!.stockOnHand - 1 })
      .where(eq(productVariants.id, variant!.id));
    const before = await counts();

    const again = await seedDatabase(db);

    expect(again).toEqual({ productsCreated: 0, usersCreated: 0, credentials: [] });
    expect(await counts()).toEqual(before);
    const [after] = await db.select().from(productVariants).where(eq(productVariants.id, variant!.id));
    expect(after!.stockOnHand).toBe(variant!.stockOnHand - 1);
    await db.update(productVariants).set({ stockOnHand: variant!.stockOnHand }).where(eq(productVariants.id, variant!.id));
  });
});
