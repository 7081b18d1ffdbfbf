'use client';
// For a signed-in shopper with saved addresses: which one fills the address fields below (the default one at first),
// or a new address typed by hand. Picking only fills the fields; what is submitted is what the fields then hold.
import type { CheckoutValues } from '@/lib/checkout/checkout-form';

/** A saved address as the checkout shows it: a name to pick it by, and the form's values. */
export interface SavedAddressOption {
  id: string;
  name: string;
  isDefault: boolean;
  values: Pick<CheckoutValues, 'fullName' | 'phone' | 'line1' | 'line2' | 'city' | 'state' | 'postalCode'>;
}

export function SavedAddressPicker({ options, value, onPick }: { options: SavedAddressOption[]; value: string; onPick: (id: string) => void }) {
  return (
    <div className="rounded-xl border border-stone-200 bg-white p-6">
      <label htmlFor="checkout-saved-address" className="block text-sm font-medium text-stone-800">
        Deliver to
      </label>
      <select
        id="checkout-saved-address"
        value={value}
        onChange={(event) => onPick(event.target.value)}
        className="mt-1 block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900 shadow-sm focus:border-brand-600"
        aria-describedby="checkout-saved-address-hint"
      >
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name}
            {option.isDefault ? ' (default)' : ''}
          </option>
        ))}
        <option value="">A new address</option>
      </select>
      <p id="checkout-saved-address-hint" className="mt-1 text-xs text-stone-500">
        Your saved addresses (manage them under Account → Addresses). The fields below can still be changed.
      </p>
    </div>
  );
}
