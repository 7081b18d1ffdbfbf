// Delivery options as radio cards with their fees: only those the shop's settings offer for the chosen state
// (lib/settings/delivery-offers.ts). The fee shown is the server's; the server decides again from the option id and the
// address's state when the order is placed, and refuses an option that state does not get.
import { formatMoney } from '@/lib/core/money';
import type { DeliveryOffer, DeliveryOptionId } from '@/lib/settings/delivery-offers';

interface Props {
  offers: readonly DeliveryOffer[];
  selected: string;
  errors?: string[];
  /** What the shopper should know about the options not shown (choose a state; where express goes). */
  notes: string[];
  onSelect: (id: DeliveryOptionId) => void;
}

export function DeliveryOptionCards({ offers, selected, errors, notes, onSelect }: Props) {
  const described = [notes.length ? 'checkout-delivery-notes' : null, errors?.length ? 'checkout-deliveryOption-error' : null].filter(Boolean).join(' ');
  return (
    <fieldset className="rounded-xl border border-stone-200 bg-white p-6" aria-describedby={described || undefined} data-testid="delivery-options">
      <legend className="px-1 text-lg font-semibold">Delivery</legend>
      <div className="mt-2 grid gap-3 sm:grid-cols-3">
        {offers.map((option) => (
          <label
            key={option.id}
            className="group relative flex cursor-pointer flex-col gap-1 rounded-lg border border-stone-300 p-4 hover:border-stone-500 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:checked]:ring-1 has-[:checked]:ring-brand-600 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-dashed has-[:focus-visible]:outline-stone-900"
          >
            <input
              type="radio"
              name="deliveryOption"
              value={option.id}
              checked={option.id === selected}
              onChange={() => onSelect(option.id)}
              className="sr-only"
            />
            <span className="flex items-center gap-2 font-medium">
              {/* The choice shows as a filled dot, not only as colour: focus (a dashed outline) never reads as chosen. */}
              <span
                aria-hidden="true"
                className="inline-block h-4 w-4 shrink-0 rounded-full border-2 border-stone-400 bg-white group-has-[:checked]:border-brand-700 group-has-[:checked]:bg-brand-700 group-has-[:checked]:shadow-[inset_0_0_0_2px_white]"
              />
              {option.label}
            </span>
            <span className="text-sm text-stone-600">{option.description}</span>
            <span className="mt-1 font-semibold tabular-nums">{option.fee.amount === 0 ? 'Free' : formatMoney(option.fee)}</span>
          </label>
        ))}
      </div>
      {notes.length ? (
        <div id="checkout-delivery-notes" className="mt-3 space-y-1 text-sm text-stone-600" aria-live="polite">
          {notes.map((note) => (
            <p key={note}>{note}</p>
          ))}
        </div>
      ) : null}
      {errors?.length ? (
        <p id="checkout-deliveryOption-error" className="mt-2 text-sm text-red-700">
          {errors.join(' ')}
        </p>
      ) : null}
    </fieldset>
  );
}
