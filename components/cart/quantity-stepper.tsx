'use client';
// − / quantity / + for one cart line. The + button is disabled at the line's maximum (per-order limit or stock),
// the − button at 1 (removing is its own button, so a slip of the finger never empties a line).
interface QuantityStepperProps {
  quantity: number;
  max: number;
  label: string;
  disabled?: boolean;
  onChange: (quantity: number) => void;
}

const buttonClass =
  'flex h-9 w-9 items-center justify-center text-lg font-medium hover:bg-stone-100 disabled:cursor-not-allowed disabled:text-stone-300 disabled:hover:bg-transparent';

export function QuantityStepper({ quantity, max, label, disabled = false, onChange }: QuantityStepperProps) {
  return (
    <fieldset aria-label={`Quantity of ${label}`} className="inline-flex items-center rounded-lg border border-stone-300 bg-white">
      <button
        type="button"
        className={buttonClass}
        aria-label={`Decrease quantity of ${label}`}
        disabled={disabled || quantity <= 1}
        onClick={() => onChange(quantity - 1)}
      >
        −
      </button>
      <output className="w-10 text-center text-sm tabular-nums" aria-live="polite" data-testid="line-quantity">
        {quantity}
      </output>
      <button
        type="button"
        className={buttonClass}
        aria-label={`Increase quantity of ${label}`}
        disabled={disabled || quantity >= max}
        onClick={() => onChange(quantity + 1)}
      >
        +
      </button>
    </fieldset>
  );
}
