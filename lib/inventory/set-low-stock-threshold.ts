// The availability at or below which a variant counts as low on stock (the admins' digest, the console's low-stock
// filter). Not a stock movement, so the variant's `version` stays put: an admin's open stock form is not made stale
// by a colleague changing the threshold.
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { productVariants } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { err, ok, type Result } from '../core/result';

export async function setLowStockThreshold(
  db: Database,
  input: { variantId: string; threshold: number; adminId: string },
): Promise<Result<{ before: number; after: number }, { code: 'variant_not_found' }>> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ threshold: productVariants.lowStockThreshold })
      .from(productVariants)
      .where(eq(productVariants.id, input.variantId))
      .for('no key update');
    if (!row) return err({ code: 'variant_not_found' as const });
    if (row.threshold === input.threshold) return ok({ before: row.threshold, after: row.threshold });
    await tx.update(productVariants).set({ lowStockThreshold: input.threshold }).where(eq(productVariants.id, input.variantId));
    await recordAudit(tx, {
      actor: { type: 'admin', id: input.adminId },
      action: 'stock.threshold_changed',
      entityType: 'variant',
      entityId: input.variantId,
      before: { lowStockThreshold: row.threshold },
      after: { lowStockThreshold: input.threshold },
    });
    return ok({ before: row.threshold, after: input.threshold });
  });
}
