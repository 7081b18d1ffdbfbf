// Refunded goods back on the shelf: on hand grows, the version moves (every stock change bumps it, so an optimistic
// writer that read the old row retries), and each line is audited. Lines in ascending variant order, like every
// other multi-variant writer, so concurrent transactions cannot deadlock on the variant rows.
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { productVariants } from '../../db/schema';
import { type AuditActor, recordAudit } from '../audit/record-audit';

export async function restockVariants(
  tx: Tx,
  lines: ReadonlyArray<{ variantId: string; quantity: number }>,
  context: { actor: AuditActor; refundId: string; orderId: string },
): Promise<void> {
  const ordered = [...lines].sort((a, b) => a.variantId.localeCompare(b.variantId));
  for (const line of ordered) {
    const [row] = await tx
      .update(productVariants)
      .set({ stockOnHand: sql`${productVariants.stockOnHand} + ${line.quantity}`, version: sql`${productVariants.version} + 1` })
      .where(eq(productVariants.id, line.variantId))
      .returning({ stockOnHand: productVariants.stockOnHand, version: productVariants.version });
    if (!row) throw new Error(`Variant ${line.variantId} vanished while restocking refund ${context.refundId}`);
    await recordAudit(tx, {
      actor: context.actor,
      action: 'stock.restocked',
      entityType: 'variant',
      entityId: line.variantId,
      before: { stockOnHand: row.stockOnHand - line.quantity },
      after: { stockOnHand: row.stockOnHand, version: row.version },
      metadata: { quantity: line.quantity, refundId: context.refundId, orderId: context.orderId },
    });
  }
}
