// Throwaway catalogue rows, users and clients for the cart's integration tests. Every row has a unique slug/sku/email
// in its own category, so parallel test files never see each other's stock, and everything is deleted afterwards.
import { randomUUID } from 'node:crypto';
import { Redis } from '@upstash/redis';
import { eq, inArray } from 'drizzle-orm';
import { categories, products, productVariants, users } from '@/db/schema';
import { redisKeys } from '@/lib/redis';
import { testDatabase } from './db';

export function cartTestClients() {
  const { db, sql } = testDatabase();
  const url = process.env.UPSTASH_REDIS_REST_URL;
  const token = process.env.UPSTASH_REDIS_REST_TOKEN;
  if (!url || !token) throw new Error('UPSTASH_REDIS_REST_URL/TOKEN must point at the test bridge (integration setup)');
  return { db, sql, redis: new Redis({ url, token }) };
}

type Db = ReturnType<typeof testDatabase>['db'];

export interface VariantSpec {
  stock: number;
  maxPerOrder?: number;
  reserved?: number;
  priceAmount?: number;
  archived?: boolean;
}

/** A product in its own category with one variant per spec; `cleanup` deletes all of it (cart lines cascade). */
export async function createFixtureCatalogue(db: Db, label: string, specs: VariantSpec[]) {
  const tag = `${label}-${randomUUID().slice(0, 8)}`;
  const [category] = await db
    .insert(categories)
    .values({ slug: `cart-fixture-${tag}`, name: `Cart fixture ${tag}` })
    .returning();
  const [product] = await db
    .insert(products)
    .values({ slug: `cart-fixture-${tag}`, title: `Fixture ${tag}`, categoryId: category!.id, status: 'active' })
    .returning();
  const variants = await db
    .insert(productVariants)
    .values(
      specs.map((spec, index) => ({
        productId: product!.id,
        sku: `CART-FIX-${tag}-${index}`.toUpperCase(),
        title: `V${index}`,
        priceAmount: spec.priceAmount ?? 150_000 + index * 10_000,
        stockOnHand: spec.stock,
        reserved: spec.reserved ?? 0,
        maxPerOrder: spec.maxPerOrder ?? 10,
        archivedAt: spec.archived ? new Date() : null,
      })),
    )
    .returning();
  const cleanup = async () => {
    await db.delete(productVariants).where(
      inArray(
        productVariants.id,
        variants.map((variant) => variant.id),
      ),
    );
    await db.delete(products).where(eq(products.id, product!.id));
    await db.delete(categories).where(eq(categories.id, category!.id));
  };
  return { product: product!, variants, cleanup };
}

/** A customer (or admin) row; no usable password: these tests never sign in through next-auth. */
export async function createFixtureUser(db: Db, role: 'customer' | 'admin' = 'customer') {
  const email = `cart-${randomUUID().slice(0, 12)}@example.test`;
  const [user] = await db.insert(users).values({ email, name: 'Cart Tester', passwordHash: 'not-a-real-hash', role }).returning();
  return user!;
}

export async function deleteFixtureUsers(db: Db, redis: Redis, userIds: string[]) {
  if (userIds.length === 0) return;
  await redis.del(...userIds.map((id) => redisKeys.userCart(id)));
  await db.delete(users).where(inArray(users.id, userIds));
}

/**
 * `target` with its method `method` failing once with `message`: a process "dying" at that step (an outage
 * injected on purpose; every other call goes to the real client).
 */
export function failingOnce<T extends object>(target: T, method: keyof T & string, message: string): T {
  let failed = false;
  return new Proxy(target, {
    get(real, property, receiver) {
      if (property === method && !failed) {
        return async () => {
          failed = true;
          throw new Error(message);
        };
      }
      const value: unknown = Reflect.get(real, property, receiver);
      return typeof value === 'function' ? value.bind(real) : value;
    },
  });
}
