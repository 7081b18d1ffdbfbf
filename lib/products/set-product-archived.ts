// Archive a product (gone from the shop: listings, search, its page, and checkout refuses it) or bring it back. It comes
// back as a draft, as in Shopify: an admin checks it and publishes it, rather than old prices going live by surprise.
// Orders, holds and stock are untouched: an unpaid order holding it can still be paid.
import { and, eq, ne } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { products } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { err, ok, type Result } from '../core/result';

export async function setProductArchived(
  db: Database,
  input: { productId: string; archived: boolean; adminId: string },
): Promise<Result<{ slug: string; status: 'archived' | 'draft'; updatedAt: Date }, { code: 'not_found' } | { code: 'unchanged'; status: string }>> {
  return db.transaction(async (tx) => {
    const [product] = await tx.select({ slug: products.slug, status: products.status }).from(products).where(eq(products.id, input.productId)).for('update');
    if (!product) return err({ code: 'not_found' as const });
    const target = input.archived ? ('archived' as const) : ('draft' as const);
    const [updated] = await tx
      .update(products)
      .set({ status: target, updatedAt: new Date() })
      // Archive anything not archived; unarchive only an archived product.
      .where(and(eq(products.id, input.productId), input.archived ? ne(products.status, 'archived') : eq(products.status, 'archived')))
      .returning({ slug: products.slug, updatedAt: products.updatedAt });
    if (!updated) return err({ code: 'unchanged' as const, status: product.status });
    await recordAudit(tx, {
      actor: { type: 'admin', id: input.adminId },
      action: input.archived ? 'product.archived' : 'product.unarchived',
      entityType: 'product',
      entityId: input.productId,
      before: { status: product.status },
      after: { status: target },
    });
    return ok({ slug: updated.slug, status: target, updatedAt: updated.updatedAt });
  });
}
