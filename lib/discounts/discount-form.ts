// The /admin/discounts create form as typed (strings: amounts in naira, times in Lagos time from datetime-local
// inputs) → the API's input (kobo, ISO times), then checked by the same schema as POST /api/admin/discounts. Errors
// come back under the form's field names, which are the API's.
import type { z } from 'zod';
import { fieldErrorsOf } from '../errors';
import { parseMoneyInput } from '../core/money';
import { type CreateDiscountInput, createDiscountSchema } from './discount-input';

export const discountFormFields = ['code', 'kind', 'value', 'minSubtotal', 'startsAt', 'endsAt', 'usageLimit', 'perCustomerLimit'] as const;
export type DiscountFormField = (typeof discountFormFields)[number];
export type DiscountFormValues = Record<DiscountFormField, string>;
export type DiscountFieldErrors = Partial<Record<DiscountFormField, string[]>>;

/** Lagos keeps UTC+1 all year (no daylight saving), so a datetime-local value there is that wall time at +01:00. */
export const lagosLocalToIso = (local: string): string => `${local.length === 16 ? `${local}:00` : local}+01:00`;

const wholeNumber = (text: string): number | null => (/^\d{1,9}$/.test(text) ? Number(text) : null);

export function parseDiscountForm(
  raw: Partial<Record<string, unknown>>,
): { ok: true; input: CreateDiscountInput } | { ok: false; fieldErrors: DiscountFieldErrors } {
  const text = (field: DiscountFormField) => (typeof raw[field] === 'string' ? (raw[field] as string).trim() : '');
  const errors: DiscountFieldErrors = {};
  const kind = text('kind');

  let value: number | null = null;
  if (text('value') === '') errors.value = [kind === 'fixed' ? 'Enter the amount off, in naira' : 'Enter the percentage off'];
  else if (kind === 'fixed') {
    value = parseMoneyInput(text('value'), 'NGN');
    if (value === null) errors.value = ['Enter an amount in naira, e.g. 500 or 1,500.50'];
  } else {
    value = wholeNumber(text('value'));
    if (value === null) errors.value = ['A percentage is a whole number from 1 to 100'];
  }
  let minSubtotal: number | null = null;
  if (text('minSubtotal') !== '') {
    minSubtotal = parseMoneyInput(text('minSubtotal'), 'NGN');
    if (minSubtotal === null) errors.minSubtotal = ['Enter an amount in naira, e.g. 10,000'];
  }
  const limits: Record<'usageLimit' | 'perCustomerLimit', number | null> = { usageLimit: null, perCustomerLimit: null };
  for (const field of ['usageLimit', 'perCustomerLimit'] as const) {
    if (text(field) === '') continue;
    limits[field] = wholeNumber(text(field));
    if (limits[field] === null) errors[field] = ['A whole number, at least 1 (leave it empty for no limit)'];
  }

  const parsed = createDiscountSchema.safeParse({
    code: text('code'),
    kind: kind || undefined,
    value: value ?? 1,
    minSubtotal,
    startsAt: text('startsAt') ? lagosLocalToIso(text('startsAt')) : null,
    endsAt: text('endsAt') ? lagosLocalToIso(text('endsAt')) : null,
    ...limits,
  });
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, input: parsed.data };
  const schemaErrors = parsed.success ? {} : (fieldErrorsOf(parsed.error as z.ZodError) as DiscountFieldErrors);
  // What the form could not even read wins over what the schema said about the stand-in value.
  return { ok: false, fieldErrors: { ...schemaErrors, ...errors } };
}
