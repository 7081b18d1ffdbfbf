// Contact and shipping address inputs. Uncontrolled: a refused submission re-renders them with what was typed.
import type { CheckoutValues, FieldErrors } from '@/lib/checkout/checkout-form';
import { SelectField, TextField } from '@/components/ui/fields';

export function ContactFields({ values, errors, signedIn }: { values: Partial<CheckoutValues>; errors: FieldErrors; signedIn: boolean }) {
  return (
    <fieldset className="space-y-4 rounded-xl border border-stone-200 bg-white p-6">
      <legend className="px-1 text-lg font-semibold">Contact</legend>
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={values.email}
        errors={errors.email}
        hint={signedIn ? 'Your receipt and order updates go here.' : 'Checking out as a guest: your receipt and order link go here.'}
      />
    </fieldset>
  );
}

/** `states`: the State select's choices (NIGERIAN_STATES, handed down from the server page). */
export function AddressFields({ values, errors, states }: { values: Partial<CheckoutValues>; errors: FieldErrors; states: readonly string[] }) {
  return (
    <fieldset className="grid gap-4 rounded-xl border border-stone-200 bg-white p-6 sm:grid-cols-2">
      <legend className="px-1 text-lg font-semibold">Shipping address</legend>
      <TextField
        className="sm:col-span-2"
        label="Full name"
        name="fullName"
        autoComplete="name"
        required
        defaultValue={values.fullName}
        errors={errors.fullName}
      />
      <TextField
        className="sm:col-span-2"
        label="Phone number"
        name="phone"
        type="tel"
        autoComplete="tel"
        inputMode="tel"
        required
        defaultValue={values.phone}
        errors={errors.phone}
        hint="For the courier, e.g. 0803 123 4567"
      />
      <TextField
        className="sm:col-span-2"
        label="Address"
        name="line1"
        autoComplete="address-line1"
        required
        defaultValue={values.line1}
        errors={errors.line1}
      />
      <TextField
        className="sm:col-span-2"
        label="Apartment, suite, landmark (optional)"
        name="line2"
        autoComplete="address-line2"
        defaultValue={values.line2}
        errors={errors.line2}
      />
      <TextField label="City" name="city" autoComplete="address-level2" required defaultValue={values.city} errors={errors.city} />
      <SelectField
        label="State"
        name="state"
        autoComplete="address-level1"
        required
        defaultValue={values.state ?? ''}
        errors={errors.state}
        options={states}
        placeholder="Choose a state"
      />
      <TextField label="Postal code (optional)" name="postalCode" autoComplete="postal-code" defaultValue={values.postalCode} errors={errors.postalCode} />
      <p className="self-end text-sm text-stone-500">We deliver within Nigeria.</p>
    </fieldset>
  );
}
