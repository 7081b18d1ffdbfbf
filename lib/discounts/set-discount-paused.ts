// Pausing a code stops new checkouts using it at once (orders already placed with it keep their price); resuming
// lets them again. One conditional UPDATE, audited only when the code moved.
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { discountCodes } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { err, ok, type Result } from '../core/result';

export async function setDiscountPaused(
  db: Database,
  input: { discountCodeId: string; paused: boolean; adminId: string },
): Promise<Result<{ code: string; paused: boolean }, { code: 'not_found' }>> {
  return db.transaction(async (tx) => {
    const [moved] = await tx
      .update(discountCodes)
      .set({ paused: input.paused })
      .where(and(eq(discountCodes.id, input.discountCodeId), eq(discountCodes.paused, !input.paused)))
      .returning({ code: discountCodes.code });
    if (moved) {
      await recordAudit(tx, {
        actor: { type: 'admin', id: input.adminId },
        action: input.paused ? 'discount_code.paused' : 'discount_code.resumed',
        entityType: 'discount_code',
        entityId: input.discountCodeId,
        before: { paused: !input.paused },
        after: { paused: input.paused },
      });
      return ok({ code: moved.code, paused: input.paused });
    }
    // Already in that state (a second click, two admins): nothing to do, and no second audit entry.
    const [existing] = await tx
      .select({ code: discountCodes.code, paused: discountCodes.paused })
      .from(discountCodes)
      .where(eq(discountCodes.id, input.discountCodeId));
    return existing ? ok(existing) : err({ code: 'not_found' as const });
  });
}
