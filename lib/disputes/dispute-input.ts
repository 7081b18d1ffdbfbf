// What the dispute page's forms send, checked at the door and again by nothing else: the evidence Paystack asks for
// (`POST /dispute/:id/evidence`) and the answer (`PUT /dispute/:id/resolve`), the refund amount as typed in naira.
import { z } from 'zod';
import { parseMoneyInput } from '../core/money';

const text = (label: string, max: number) => z.string().trim().min(1, `Enter ${label}`).max(max, `At most ${max} characters`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .optional()
    .transform((value) => (value ? value : undefined));

export const disputeEvidenceSchema = z.object({
  customerEmail: z.email('Enter the customer’s email address').max(320),
  customerName: text('the customer’s name', 200),
  customerPhone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{7,20}$/, 'Enter a phone number, e.g. 0801 234 5678'),
  serviceDetails: text('what was sold and how it was delivered', 2_000),
  deliveryAddress: optionalText(500),
  deliveryDate: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : undefined))
    .refine((value) => value === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))), 'Enter a date as YYYY-MM-DD'),
});

export type DisputeEvidenceInput = z.output<typeof disputeEvidenceSchema>;

export const disputeAnswerSchema = z
  .object({
    disputeId: z.uuid(),
    answer: z.enum(['accept', 'decline']),
    message: text('a message for Paystack and the bank', 1_000),
    /** Naira as typed; accept only (empty = all that may be given back). */
    refundAmount: z
      .string()
      .max(32)
      .optional()
      .transform((typed, ctx) => {
        if (!typed || typed.trim() === '') return undefined;
        const kobo = parseMoneyInput(typed.trim(), 'NGN');
        if (kobo === null || kobo <= 0) {
          ctx.addIssue({ code: 'custom', message: 'Enter an amount in naira, e.g. 2500 or 2,500.50' });
          return z.NEVER;
        }
        return kobo;
      }),
  })
  .refine((input) => input.answer === 'accept' || input.refundAmount === undefined, { message: 'Declining refunds nothing', path: ['refundAmount'] });

export type DisputeAnswerInput = z.input<typeof disputeAnswerSchema>;
