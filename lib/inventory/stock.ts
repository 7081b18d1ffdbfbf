// The three stock movements of two-phase inventory. Each is one conditional UPDATE, so concurrent callers can
// never oversell: the row lock serialises them and Postgres re-checks the WHERE clause after waiting for it.
// Callers must touch variants in ascending id order so multi-line transactions cannot deadlock each other.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { productVariants } from '../../db/schema';

/** Holds `quantity` units if that many are available right now; false when they are not. */
export async function reserveStock(db: DbOrTx, variantId: string, quantity: number): Promise<boolean> {
  const rows = await db
    .update(productVariants)
    .set({
      reserved: sql`${productVariants.reserved} + ${quantity}`,
      version: sql`${productVariants.version} + 1`,
    })
    .where(
      and(
        eq(productVariants.id, variantId),
        isNull(productVariants.archivedAt),
        sql`${productVariants.stockOnHand} - ${productVariants.reserved} >= ${quantity}`,
      ),
    )
    .returning({ id: productVariants.id });
  return rows.length === 1;
}

/** Gives held units back to availability (a reservation expired or its order was cancelled). */
export async function releaseStock(db: DbOrTx, variantId: string, quantity: number): Promise<void> {
  const rows = await db
    .update(productVariants)
    .set({
      reserved: sql`${productVariants.reserved} - ${quantity}`,
      version: sql`${productVariants.version} + 1`,
    })
    .where(and(eq(productVariants.id, variantId), sql`${productVariants.reserved} >= ${quantity}`))
    .returning({ id: productVariants.id });
  if (rows.length !== 1) throw new Error(`Cannot release ${quantity} of variant ${variantId}: fewer units are reserved`);
}

/**
 * Gives back held units of many variants at once (the release job's batches): the rows are locked in ascending id
 * order first, then one UPDATE releases them all. Throws, rolling the caller back, if any row has fewer reserved.
 */
export async function releaseStockOf(db: DbOrTx, units: ReadonlyMap<string, number>): Promise<void> {
  if (units.size === 0) return;
  const entries = [...units].sort(([a], [b]) => (a < b ? -1 : 1));
  const ids = entries.map(([id]) => id);
  await db.select({ id: productVariants.id }).from(productVariants).where(inArray(productVariants.id, ids)).orderBy(productVariants.id).for('no key update');
  const wanted = sql.join(
    entries.map(([id, quantity]) => sql`(${id}::uuid, ${quantity}::int)`),
    sql`, `,
  );
  const rows = (await db.execute(sql`
    UPDATE ${productVariants} AS v SET reserved = v.reserved - w.quantity, version = v.version + 1
    FROM (VALUES ${wanted}) AS w(id, quantity)
    WHERE v.id = w.id AND v.reserved >= w.quantity
    RETURNING v.id`)) as unknown as unknown[];
  if (rows.length !== ids.length) throw new Error(`Cannot release stock of ${ids.length - rows.length} variant(s): fewer units are reserved`);
}

/** Units currently available to buy: on hand minus reserved. */
export async function availableStock(db: DbOrTx, variantIds: string[]): Promise<Map<string, number>> {
  if (variantIds.length === 0) return new Map();
  const rows = await db
    .select({ id: productVariants.id, available: sql<number>`(${productVariants.stockOnHand} - ${productVariants.reserved})::int` })
    .from(productVariants)
    .where(inArray(productVariants.id, variantIds));
  return new Map(rows.map((row) => [row.id, row.available]));
}
