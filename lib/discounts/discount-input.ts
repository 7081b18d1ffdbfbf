// What an admin sends to create a discount code, checked at both doors (POST /api/admin/discounts and the
// /admin/discounts form). Money is integer kobo; a percent is a whole number from 1 to 100; times are ISO 8601 with
// an offset. Each problem is reported under its field's name.
import { z } from 'zod';
import { DISCOUNT_CODE_PATTERN } from './discount-rules';

const MAX_KOBO = 2_000_000_000;

const optionalCount = (label: string) =>
  z
    .number({ error: `${label} must be a whole number` })
    .int(`${label} must be a whole number`)
    .min(1, `${label} must be at least 1 (leave it out for no limit)`)
    .max(1_000_000, `${label} is too large`)
    .nullish()
    .transform((value) => value ?? null);

const optionalTime = (label: string) =>
  z.iso
    .datetime({ offset: true, error: `${label} must be a date and time like 2026-12-24T09:00:00+01:00` })
    .nullish()
    .transform((value) => (value ? new Date(value) : null));

export const createDiscountSchema = z
  .object({
    code: z.string({ error: 'Code is required' }).trim().regex(DISCOUNT_CODE_PATTERN, 'Code: 3–32 letters, digits, - or _ (no spaces)'),
    kind: z.enum(['percent', 'fixed'], { error: 'Kind is "percent" or "fixed"' }),
    /** percent: 1–100; fixed: kobo. */
    value: z.number({ error: 'Value must be a whole number' }).int('Value must be a whole number').min(1, 'Value must be at least 1').max(MAX_KOBO),
    /** Kobo. */
    minSubtotal: z
      .number({ error: 'Minimum subtotal must be a whole number of kobo' })
      .int('Minimum subtotal must be a whole number of kobo')
      .min(0, 'Minimum subtotal cannot be negative')
      .max(MAX_KOBO)
      .nullish()
      .transform((value) => value ?? 0),
    startsAt: optionalTime('Starts at'),
    endsAt: optionalTime('Ends at'),
    usageLimit: optionalCount('Usage limit'),
    perCustomerLimit: optionalCount('Per-customer limit'),
  })
  .superRefine((input, ctx) => {
    if (input.kind === 'percent' && input.value > 100) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'A percentage is a whole number from 1 to 100' });
    }
    if (input.startsAt && input.endsAt && input.endsAt.getTime() <= input.startsAt.getTime()) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'Ends at must be after starts at' });
    }
    if (input.usageLimit !== null && input.perCustomerLimit !== null && input.perCustomerLimit > input.usageLimit) {
      ctx.addIssue({ code: 'custom', path: ['perCustomerLimit'], message: 'Per-customer limit cannot be more than the usage limit' });
    }
  });

export type CreateDiscountInput = z.output<typeof createDiscountSchema>;
