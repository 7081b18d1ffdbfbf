// The refund dialog's input, shared by the dialog (to check before the confirmation step) and its server action (which
// checks again: nothing the browser sends is trusted beyond this): the shared refund input plus the order, the amount
// as typed in naira (becomes kobo here) and the dialog's idempotency key. Whether the amount fits what remains is the
// refund use case's decision, made under the order's lock.
import { z } from 'zod';
import { parseMoneyInput } from '@/lib/core/money';
import { REFUND_REASON_MAX, refundInputSchema } from '@/lib/refunds/refund-input';

export { REFUND_REASON_MAX };

export const refundFormSchema = refundInputSchema.extend({
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
  /** One per dialog opening: a double click or a retried submit is the same refund. */
  idempotencyKey: z.uuid(),
});

export type RefundFormInput = z.input<typeof refundFormSchema>;
