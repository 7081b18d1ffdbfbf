// The inventory page's two forms, shared by the browser (to check before sending) and their server actions (which
// check again). Numbers arrive as typed text and become whole units here.
import { z } from 'zod';
import { ADJUST_MODES, MAX_LOW_STOCK_THRESHOLD, MAX_STOCK_ON_HAND } from './stock-rules';

export const STOCK_REASON_MAX = 300;

const wholeUnits = (max: number, empty: string) =>
  z
    .string()
    .max(16)
    .transform((text, ctx) => {
      const trimmed = text.trim().replace(/,/g, '');
      if (!/^\d+$/.test(trimmed) || Number(trimmed) > max) {
        ctx.addIssue({ code: 'custom', message: trimmed === '' ? empty : `Enter a whole number from 0 to ${max.toLocaleString('en-NG')}` });
        return z.NEVER;
      }
      return Number(trimmed);
    });

export const adjustStockFormSchema = z
  .object({
    variantId: z.uuid(),
    /** On hand as the form showed it: the server refuses the change if on hand moved since (holds do not count). */
    expectedOnHand: z.number().int().min(0),
    mode: z.enum(ADJUST_MODES, { error: 'Choose how to change the stock' }),
    quantity: wholeUnits(MAX_STOCK_ON_HAND, 'Enter a number of units'),
    reason: z
      .string()
      .trim()
      .min(3, 'Say why the stock changes (e.g. "stocktake" or "delivery from supplier")')
      .max(STOCK_REASON_MAX, `Keep the reason under ${STOCK_REASON_MAX} characters`),
  })
  .superRefine((form, ctx) => {
    if (form.mode !== 'set' && form.quantity === 0) ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'Enter at least 1 unit' });
  });

export type AdjustStockFormInput = z.input<typeof adjustStockFormSchema>;

export const thresholdFormSchema = z.object({
  variantId: z.uuid(),
  threshold: wholeUnits(MAX_LOW_STOCK_THRESHOLD, 'Enter a number of units'),
});

export type ThresholdFormInput = z.input<typeof thresholdFormSchema>;
