// Phase two of two-phase inventory: stock leaves the shelf when the payment lands.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { productVariants } from '../../db/schema';

/** A variant's availability and low-stock threshold right after a sale took units from it. */
export interface StockAfterSale {
  variantId: string;
  sold: number;
  available: number;
  lowStockThreshold: number;
}

const afterSale = {
  variantId: productVariants.id,
  available: sql<number>`${productVariants.stockOnHand} - ${productVariants.reserved}`,
  lowStockThreshold: productVariants.lowStockThreshold,
};

/**
 * Turns `quantity` reserved units into sold ones in one conditional UPDATE: the statement takes the row lock, and
 * Postgres re-checks `reserved >= quantity` after waiting for it, so concurrent payments for one hot variant queue on
 * the row and none is lost. (The seed design read the version first and retried on a change; under the row lock the
 * version can never change between read and write, so that read was a statement per line that could not fail.)
 * The version still moves, for the readers that compare it (stock adjustments).
 */
export async function commitReservedStock(db: DbOrTx, variantId: string, quantity: number): Promise<StockAfterSale> {
  const [row] = await db
    .update(productVariants)
    .set({
      stockOnHand: sql`${productVariants.stockOnHand} - ${quantity}`,
      reserved: sql`${productVariants.reserved} - ${quantity}`,
      version: sql`${productVariants.version} + 1`,
    })
    .where(and(eq(productVariants.id, variantId), sql`${productVariants.reserved} >= ${quantity}`))
    .returning(afterSale);
  if (!row) throw new Error(`Cannot commit ${quantity} of variant ${variantId}: fewer units are reserved, or the variant is gone`);
  return { ...row, sold: quantity };
}

/** Late payment: the hold is gone, so sell straight from availability if there still is enough. */
export async function sellFromAvailable(db: DbOrTx, variantId: string, quantity: number): Promise<StockAfterSale | null> {
  const [row] = await db
    .update(productVariants)
    .set({ stockOnHand: sql`${productVariants.stockOnHand} - ${quantity}`, version: sql`${productVariants.version} + 1` })
    .where(and(eq(productVariants.id, variantId), sql`${productVariants.stockOnHand} - ${productVariants.reserved} >= ${quantity}`))
    .returning(afterSale);
  return row ? { ...row, sold: quantity } : null;
}

/**
 * The variants a sale took to or below their low-stock threshold: availability was above it before the sale's units
 * (the shopper's hold counts as the sale) and is at or below it now. Each crossing is reported once, by the sale
 * that crossed it; sales further below the line stay quiet.
 */
export function crossedLowStock(sales: readonly StockAfterSale[]): string[] {
  return sales.filter((sale) => sale.available <= sale.lowStockThreshold && sale.available + sale.sold > sale.lowStockThreshold).map((sale) => sale.variantId);
}
