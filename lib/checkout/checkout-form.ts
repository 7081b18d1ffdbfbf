// The checkout form's flat field names ↔ the nested checkout input, and zod issues → messages next to each field.
// Shared by the server action (parsing FormData) and the Store API (reporting field errors by the same names).
import { z } from 'zod';
import { zfd } from 'zod-form-data';
import { checkoutInputSchema, type CheckoutInput } from './checkout-input';

export const checkoutFields = [
  'email',
  'fullName',
  'phone',
  'line1',
  'line2',
  'city',
  'state',
  'postalCode',
  'deliveryOption',
  'saveCard',
  'savedCardId',
  'couponCode',
] as const;
export type CheckoutField = (typeof checkoutFields)[number];

export type CheckoutValues = Record<CheckoutField, string>;
export type FieldErrors = Partial<Record<CheckoutField, string[]>>;

// Each field as typed, cut at 500 characters; absent, empty or a file reads as '' (the checkout schema then says why).
const typed = zfd.text(z.string().optional().catch(undefined)).transform((value) => (value ?? '').slice(0, 500));
const checkoutFormSchema = zfd.formData(Object.fromEntries(checkoutFields.map((field) => [field, typed])) as Record<CheckoutField, typeof typed>);

/** What the shopper typed, as strings, so a refused form comes back filled in. */
export function checkoutValuesFrom(formData: FormData): CheckoutValues {
  return checkoutFormSchema.parse(formData);
}

export function toCheckoutInput(values: CheckoutValues): unknown {
  return {
    email: values.email,
    deliveryOption: values.deliveryOption || undefined,
    // A checkbox sends "on" when ticked and nothing otherwise; the saved card's radio sends its id.
    saveCard: values.saveCard === 'on' || values.saveCard === 'true' ? true : undefined,
    savedCardId: values.savedCardId || undefined,
    couponCode: values.couponCode,
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
