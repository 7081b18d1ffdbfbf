// A new discount code, audited. A code that exists already — in any case — is refused (the unique index on
// lower(code) decides, so two admins creating the same code at once get one code and one refusal).
import type { Database } from '../../db/client';
import { discountCodes } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { err, ok, type Result } from '../core/result';
import type { CreateDiscountInput } from './discount-input';

export type DiscountCodeRow = typeof discountCodes.$inferSelect;

export async function createDiscount(
  db: Database,
  input: CreateDiscountInput,
  adminId: string,
): Promise<Result<DiscountCodeRow, { code: 'discount_code_exists' }>> {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(discountCodes)
      .values({
        code: input.code,
        kind: input.kind,
        value: input.value,
        minSubtotalAmount: input.minSubtotal,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        usageLimit: input.usageLimit,
        perCustomerLimit: input.perCustomerLimit,
        createdBy: adminId,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) return err({ code: 'discount_code_exists' as const });
    await recordAudit(tx, {
      actor: { type: 'admin', id: adminId },
      action: 'discount_code.created',
      entityType: 'discount_code',
      entityId: created.id,
      after: {
        code: created.code,
        kind: created.kind,
        value: created.value,
        minSubtotalAmount: created.minSubtotalAmount,
        startsAt: created.startsAt,
        endsAt: created.endsAt,
        usageLimit: created.usageLimit,
        perCustomerLimit: created.perCustomerLimit,
      },
    });
    return ok(created);
  });
}
