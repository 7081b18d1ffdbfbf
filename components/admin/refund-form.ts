// The refund dialog's input, shared by the dialog (to check before the confirmation step) and its server action (which
// checks again: nothing the browser sends is trusted beyond this). The amount is typed in naira and becomes kobo
// here; whether it fits what remains is the refund use case's decision, made under the order's lock.
import { z } from 'zod';
import { parseMoneyInput } from '@/lib/core/money';

export const REFUND_REASON_MAX = 500;

export const refundRestockLineSchema = z.object({
  variantId: z.uuid(),
  quantity: z.number().int().positive().max(10_000),
});

export const refundFormSchema = z.object({
  orderId: z.uuid(),
  /** Naira as typed ("2,500.50"); becomes kobo. */
  amount: z
    .string()
    .max(32)
    .transform((text, ctx) => {
      const kobo = parseMoneyInput(text.trim(), 'NGN');
      if (kobo === null || kobo <= 0) {
        ctx.addIssue({ code: 'custom', message: text.trim() === '' ? 'Enter the amount to refund' : 'Enter an amount in naira, e.g. 2500 or 2,500.50' });
        return z.NEVER;
      }
      return kobo;
    }),
  reason: z.string().trim().min(1, 'Give a reason for the refund').max(REFUND_REASON_MAX, `Keep the reason under ${REFUND_REASON_MAX} characters`),
  restock: z
    .array(refundRestockLineSchema)
    .max(100)
    .refine((lines) => new Set(lines.map((line) => line.variantId)).size === lines.length, 'Each item may appear once')
    .default([]),
  /** One per dialog opening: a double click or a retried submit is the same refund. */
  idempotencyKey: z.uuid(),
});

export type RefundFormInput = z.input<typeof refundFormSchema>;
