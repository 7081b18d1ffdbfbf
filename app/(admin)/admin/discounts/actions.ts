'use server';
// The discount page's actions, through the admin door (role re-read from the database before the input is parsed):
// create a code from the form, pause or resume one. Each calls one use case (audited there) and refreshes the list.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createDiscount } from '@/lib/discounts/create-discount';
import { type DiscountFieldErrors, parseDiscountForm } from '@/lib/discounts/discount-form';
import { setDiscountPaused } from '@/lib/discounts/set-discount-paused';
import { AppError } from '@/lib/errors';
import { adminAction } from '@/lib/server/doors/actions';

export type CreateDiscountState = { status: 'created'; code: string } | { status: 'invalid'; message: string; fieldErrors: DiscountFieldErrors };

// The form's values are checked field by field by parseDiscountForm; the door only bounds their shape.
const formValues = z.record(z.string(), z.string().max(100));

export const createDiscountAction = adminAction
  .inputSchema(z.object({ values: formValues }))
  .action(async ({ parsedInput, ctx }): Promise<CreateDiscountState> => {
    const parsed = parseDiscountForm(parsedInput.values);
    if (!parsed.ok) return { status: 'invalid', message: 'Please correct the highlighted fields.', fieldErrors: parsed.fieldErrors };
    const created = await createDiscount(ctx.deps.db, parsed.input, ctx.admin.id);
    if (!created.ok) {
      return {
        status: 'invalid',
        message: 'Please correct the highlighted fields.',
        fieldErrors: { code: [`${parsed.input.code} already exists (codes are the same whatever their case).`] },
      };
    }
    revalidatePath('/admin/discounts');
    return { status: 'created', code: created.value.code };
  });

export const setDiscountPausedAction = adminAction
  .inputSchema(z.object({ discountCodeId: z.uuid(), paused: z.boolean() }))
  .action(async ({ parsedInput, ctx }) => {
    const result = await setDiscountPaused(ctx.deps.db, { ...parsedInput, adminId: ctx.admin.id });
    if (!result.ok) throw new AppError('not_found', 'This discount code no longer exists.');
    revalidatePath('/admin/discounts');
    return result.value;
  });
