'use server';
// The inventory page's actions, through the admin door (role re-read from the database before the input is parsed):
// adjust a variant's stock (checked against the on-hand figure the admin saw, audited, never below what orders hold) and set its low-stock threshold.
import { adjustStock } from '@/lib/inventory/adjust-stock';
import { setLowStockThreshold } from '@/lib/inventory/set-low-stock-threshold';
import { adjustStockFormSchema, thresholdFormSchema } from '@/lib/inventory/stock-forms';
import { AppError } from '@/lib/errors';
import { adminAction } from '@/lib/server/doors/actions';
import { adjustStockFailure } from '@/lib/server/deps/inventory';

export const adjustStockAction = adminAction.inputSchema(adjustStockFormSchema).action(async ({ parsedInput, ctx }) => {
  const result = await adjustStock(ctx.deps.db, { ...parsedInput, adminId: ctx.admin.id });
  if (!result.ok) throw adjustStockFailure(result.error);
  return { before: result.value.before, after: result.value.after };
});

export const setLowStockThresholdAction = adminAction.inputSchema(thresholdFormSchema).action(async ({ parsedInput, ctx }) => {
  const result = await setLowStockThreshold(ctx.deps.db, { ...parsedInput, adminId: ctx.admin.id });
  if (!result.ok) throw new AppError('variant_not_found');
  return result.value;
});
