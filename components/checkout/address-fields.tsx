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

/**
 * `states`: the State select's choices (NIGERIAN_STATES, handed down from the server page). `pickup`: the shopper
 * collects the order, so only who collects it is asked (name and phone), never a home address. `onStateChange`: the
 * delivery options depend on the state.
 */
export function AddressFields({
  values,
  errors,
  states,
  pickup = false,
  onStateChange,
}: {
  values: Partial<CheckoutValues>;
  errors: FieldErrors;
  states: readonly string[];
  pickup?: boolean;
  onStateChange?: (state: string) => void;
}) {
  return (
    <fieldset className="grid gap-4 rounded-xl border border-stone-200 bg-white p-6 sm:grid-cols-2">
      <legend className="px-1 text-lg font-semibold">{pickup ? 'Who collects the order' : 'Shipping address'}</legend>
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
        hint={pickup ? 'We call or text this number when your order is ready, e.g. 0803 123 4567' : 'For the courier, e.g. 0803 123 4567'}
      />
      {/* Hidden, not removed, for a pickup: switching back to delivery finds what was typed (the server drops it for a pickup). */}
      <div hidden={pickup} className={pickup ? undefined : 'contents'} data-testid="home-address">
        <HomeAddress values={values} errors={errors} states={states} onStateChange={onStateChange} />
      </div>
    </fieldset>
  );
}

function HomeAddress({
  values,
  errors,
  states,
  onStateChange,
}: {
  values: Partial<CheckoutValues>;
  errors: FieldErrors;
  states: readonly string[];
  onStateChange?: (state: string) => void;
}) {
  return (
    <>
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
        onChange={(event) => onStateChange?.(event.target.value)}
      />
      <TextField label="Postal code (optional)" name="postalCode" autoComplete="postal-code" defaultValue={values.postalCode} errors={errors.postalCode} />
      <p className="self-end text-sm text-stone-500">We deliver within Nigeria.</p>
    </>
  );
}
