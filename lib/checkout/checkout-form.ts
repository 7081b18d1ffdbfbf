// The checkout form's flat field names ↔ the nested checkout input, and zod issues → messages next to each field.
// Shared by the server action (parsing FormData) and the Store API (reporting field errors by the same names).
import type { z } from 'zod';
import { checkoutInputSchema, type CheckoutInput } from './checkout-input';

export const checkoutFields = ['email', 'fullName', 'phone', 'line1', 'line2', 'city', 'state', 'postalCode', 'deliveryOption'] as const;
export type CheckoutField = (typeof checkoutFields)[number];

export type CheckoutValues = Record<CheckoutField, string>;
export type FieldErrors = Partial<Record<CheckoutField, string[]>>;

/** What the shopper typed, as strings, so a refused form comes back filled in. */
export function checkoutValuesFrom(formData: FormData): CheckoutValues {
  const values = {} as CheckoutValues;
  for (const field of checkoutFields) {
    const value = formData.get(field);
    values[field] = typeof value === 'string' ? value.slice(0, 500) : '';
  }
  return values;
}

export function toCheckoutInput(values: CheckoutValues): unknown {
  return {
    email: values.email,
    deliveryOption: values.deliveryOption || undefined,
    shippingAddress: {
      fullName: values.fullName,
      phone: values.phone,
      line1: values.line1,
      line2: values.line2,
      city: values.city,
      state: values.state || undefined,
      postalCode: values.postalCode,
      country: 'NG',
    },
  };
}

/** Issue paths like ['shippingAddress', 'phone'] are reported under the form's name for that field ('phone'). */
export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const last = issue.path.at(-1);
    const field = (checkoutFields as readonly unknown[]).includes(last) ? (last as CheckoutField) : null;
    if (!field) continue;
    const list = errors[field] ?? [];
    if (!list.includes(issue.message)) errors[field] = [...list, issue.message];
  }
  return errors;
}

export function parseCheckoutForm(
  formData: FormData,
): { ok: true; input: CheckoutInput; values: CheckoutValues } | { ok: false; fieldErrors: FieldErrors; values: CheckoutValues } {
  const values = checkoutValuesFrom(formData);
  const parsed = checkoutInputSchema.safeParse(toCheckoutInput(values));
  return parsed.success ? { ok: true, input: parsed.data, values } : { ok: false, fieldErrors: fieldErrorsFrom(parsed.error), values };
}
