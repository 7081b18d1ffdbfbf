// Delivery options as radio cards with their fees. The fee shown is the server's; the server charges it again
// from the option id alone when the order is placed.
import type { DeliveryOption } from '@/lib/checkout/delivery-options';
import { formatMoney } from '@/lib/core/money';

interface Props {
  options: readonly DeliveryOption[];
  defaultValue: string;
  errors?: string[];
  onSelect: (id: DeliveryOption['id']) => void;
}

export function DeliveryOptionCards({ options, defaultValue, errors, onSelect }: Props) {
  return (
    <fieldset className="rounded-xl border border-stone-200 bg-white p-6" aria-describedby={errors?.length ? 'checkout-deliveryOption-error' : undefined}>
      <legend className="px-1 text-lg font-semibold">Delivery</legend>
      <div className="mt-2 grid gap-3 sm:grid-cols-3">
        {options.map((option) => (
          <label
            key={option.id}
            className="group relative flex cursor-pointer flex-col gap-1 rounded-lg border border-stone-300 p-4 hover:border-stone-500 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:checked]:ring-1 has-[:checked]:ring-brand-600 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-dashed has-[:focus-visible]:outline-stone-900"
          >
            <input
              type="radio"
              name="deliveryOption"
              value={option.id}
              defaultChecked={option.id === defaultValue}
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
      {errors?.length ? (
        <p id="checkout-deliveryOption-error" className="mt-2 text-sm text-red-700">
          {errors.join(' ')}
        </p>
      ) : null}
    </fieldset>
  );
}
