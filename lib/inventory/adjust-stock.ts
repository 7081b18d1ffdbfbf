// An admin's stock correction: set on hand to a counted number, or add or remove units, with a reason. The form
// carries the on-hand figure the admin was looking at; the row is locked and that figure compared, so a change to on
// hand made meanwhile (a payment's sale, another admin, a refund's restock) refuses the correction with the numbers as
// they are now instead of silently overwriting them — and a double-submitted "add 20" lands once. Holds and releases
// move only `reserved`, so a busy sale's checkouts never lock the admin out of restocking (comparing the row's
// `version`, which every hold bumps, did exactly that). On hand never goes below what is held for orders (the CHECK
// `reserved <= stock_on_hand` would refuse it anyway; this says so in words first).
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { productVariants } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { err, ok, type Result } from '../core/result';
import { type AdjustMode, MAX_STOCK_ON_HAND, type StockLevels, targetOnHand } from './stock-rules';

export type { AdjustMode, StockLevels } from './stock-rules';

export interface AdjustStockInput {
  variantId: string;
  /** The on-hand figure the admin saw when they opened the form. */
  expectedOnHand: number;
  mode: AdjustMode;
  /** Units: the new on-hand figure for `set`, how many to add or remove otherwise. */
  quantity: number;
  reason: string;
  adminId: string;
}

export type AdjustStockError =
  | { code: 'variant_not_found' }
  /** On hand changed since the form was opened (a sale, another admin); nothing was written. */
  | { code: 'changed_since_read'; current: StockLevels }
  /** The result would leave fewer units on hand than are held for orders (or below zero). */
  | { code: 'below_reserved'; requested: number; current: StockLevels }
  | { code: 'above_maximum'; requested: number; current: StockLevels }
  | { code: 'no_change'; current: StockLevels };

const levels = (row: { stockOnHand: number; reserved: number; version: number }): StockLevels => ({
  stockOnHand: row.stockOnHand,
  reserved: row.reserved,
  available: row.stockOnHand - row.reserved,
  version: row.version,
});

export async function adjustStock(
  db: Database,
  input: AdjustStockInput,
): Promise<Result<{ productId: string; before: StockLevels; after: StockLevels }, AdjustStockError>> {
  return db.transaction(async (tx) => {
    // The same lock strength as the payment commit (FOR NO KEY UPDATE): reservations, releases and sales of this
    // variant wait for this transaction, and it waits for theirs.
    const [row] = await tx
      .select({
        productId: productVariants.productId,
        stockOnHand: productVariants.stockOnHand,
        reserved: productVariants.reserved,
        version: productVariants.version,
      })
      .from(productVariants)
      .where(eq(productVariants.id, input.variantId))
      .for('no key update');
    if (!row) return err({ code: 'variant_not_found' as const });
    const before = levels(row);
    if (row.stockOnHand !== input.expectedOnHand) return err({ code: 'changed_since_read' as const, current: before });

    const target = targetOnHand(row.stockOnHand, input.mode, input.quantity);
    if (target < row.reserved || target < 0) return err({ code: 'below_reserved' as const, requested: target, current: before });
    if (target > MAX_STOCK_ON_HAND) return err({ code: 'above_maximum' as const, requested: target, current: before });
    if (target === row.stockOnHand) return err({ code: 'no_change' as const, current: before });

    const [updated] = await tx
      .update(productVariants)
      .set({ stockOnHand: target, version: sql`${productVariants.version} + 1` })
      .where(eq(productVariants.id, input.variantId))
      .returning({ stockOnHand: productVariants.stockOnHand, reserved: productVariants.reserved, version: productVariants.version });
    if (!updated) throw new Error(`Variant ${input.variantId} vanished while adjusting stock`);
    const after = levels(updated);
    await recordAudit(tx, {
      actor: { type: 'admin', id: input.adminId },
      action: 'stock.adjusted',
      entityType: 'variant',
      entityId: input.variantId,
      before: { stockOnHand: before.stockOnHand, reserved: before.reserved, version: before.version },
      after: { stockOnHand: after.stockOnHand, reserved: after.reserved, version: after.version },
      metadata: { mode: input.mode, quantity: input.quantity, change: after.stockOnHand - before.stockOnHand, reason: input.reason },
    });
    return ok({ productId: row.productId, before, after });
  });
}
