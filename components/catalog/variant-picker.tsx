'use client';

// One radio group per option (Size, Colour…): native radios give arrow-key navigation and screen-reader
// semantics for free. The choice lives in the URL (?variant=<id>) so a link opens the same variant, and the
// server renders it on first load. Availability is polled live (useLiveStock), so the line under the price and the
// button follow the database whatever the cached page says.
import { useId, useState } from 'react';
import { AddToCartButton } from '@/components/cart/add-to-cart-button';
import { liveAvailable, useLiveStock } from './use-live-stock';
import { initialVariant, optionGroups, optionValueState, selectOption, stockStatus, type PickerVariant } from './variant-selection';

const stockTone = { in_stock: 'text-brand-700', low: 'text-amber-700', sold_out: 'text-stone-600' } as const;

/** Each variant's price as the shopper reads it, and its struck-through old price when it is on sale. */
export type PriceLabels = Record<string, { price: string; was: string | null }>;

export function VariantPicker({
  optionNames,
  variants: renderedVariants,
  priceLabels,
  initialVariantId,
  maxQuantity,
}: {
  optionNames: string[];
  variants: PickerVariant[];
  /**
   * Formatted on the server (variantPriceLabels): the first Intl.NumberFormat in a browser loads its locale data, ≈ 20 ms
   * of a phone's main thread in the middle of hydration.
   */
  priceLabels: PriceLabels;
  initialVariantId: string;
  /** The add-to-cart quantity box's cap (MAX_REQUESTED_QUANTITY, from the server page). */
  maxQuantity: number;
}) {
  const [selectedId, setSelectedId] = useState(initialVariantId);
  const idPrefix = useId();
  // The page may come from the front's cache: its stock figures are the first paint, the live ones win.
  const live = useLiveStock(
    'variants',
    renderedVariants.map((variant) => variant.id),
  );
  const variants = renderedVariants.map((variant) => ({ ...variant, available: liveAvailable(live, variant.id, variant.available) }));
  const selected = initialVariant(variants, selectedId);
  if (!selected) return null;
  const groups = optionGroups(optionNames, variants);
  const status = stockStatus(selected.available);

  function choose(name: string, value: string) {
    if (!selected) return;
    const next = selectOption(variants, selected, name, value);
    if (!next) return;
    setSelectedId(next.id);
    const params = new URLSearchParams(window.location.search);
    params.set('variant', next.id);
    window.history.replaceState(null, '', `?${params.toString()}`);
  }

  return (
    <div className="space-y-6">
      <div>
        <p className="text-2xl font-semibold" data-testid="variant-price">
          {priceLabels[selected.id]?.price}
          {priceLabels[selected.id]?.was ? (
            <s className="ml-3 text-lg font-normal text-stone-500">
              <span className="sr-only">Was </span>
              {priceLabels[selected.id]?.was}
            </s>
          ) : null}
        </p>
        <p role="status" aria-live="polite" className={`mt-1 font-medium ${stockTone[status.kind]}`} data-testid="variant-availability">
          {status.label}
        </p>
      </div>

      {groups.map((group, groupIndex) => (
        <fieldset key={group.name}>
          <legend className="text-sm font-medium">
            {group.name}: <span className="font-normal text-stone-600">{selected.options[group.name]}</span>
          </legend>
          <div className="mt-2 flex flex-wrap gap-2">
            {group.values.map((value, valueIndex) => {
              const state = optionValueState(variants, selected, group.name, value);
              const noteId = `${idPrefix}-${groupIndex}-${valueIndex}`;
              return (
                <div key={value} className="relative">
                  <label>
                    <input
                      type="radio"
                      name={`option-${group.name}`}
                      value={value}
                      checked={selected.options[group.name] === value}
                      onChange={() => choose(group.name, value)}
                      className="peer sr-only"
                      aria-describedby={state === 'available' ? undefined : noteId}
                    />
                    <span
                      className={`inline-flex min-h-11 min-w-11 cursor-pointer items-center justify-center rounded-lg border px-3 text-sm peer-checked:border-stone-900 peer-checked:bg-stone-900 peer-checked:text-white peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600 ${
                        state === 'available' ? 'border-stone-300 bg-white' : 'border-dashed border-stone-300 bg-stone-100 text-stone-500 line-through'
                      }`}
                    >
                      {value}
                    </span>
                  </label>
                  {/* Outside the label so the radio's name stays the bare value; read out as its description. */}
                  {state === 'available' ? null : (
                    <span id={noteId} className="sr-only">
                      {state === 'sold_out' ? 'sold out in this combination' : 'not made in this combination'}
                    </span>
                  )}
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}

      <AddToCartButton variantId={selected.id} disabled={selected.available <= 0} withQuantity maxQuantity={maxQuantity} />
    </div>
  );
}
