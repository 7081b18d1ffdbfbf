// Pure variant-selection rules shared by the product page (server) and the VariantPicker (client).
import { type CurrencyCode, formatMoney } from '@/lib/core/money';
import { type StockState, stockLabel, stockState } from '@/lib/inventory/shopper-stock';

export interface PickerVariant {
  id: string;
  title: string;
  options: Record<string, string>;
  priceAmount: number;
  compareAtAmount: number | null;
  currency: CurrencyCode;
  /** Live units: stock on hand minus reserved. */
  available: number;
}

export interface OptionGroup {
  name: string;
  values: string[];
}

/** Each option's values in the order variants list them (variants are ordered by position). */
export function optionGroups(optionNames: readonly string[], variants: readonly PickerVariant[]): OptionGroup[] {
  return optionNames.map((name) => ({
    name,
    values: [...new Set(variants.map((variant) => variant.options[name]).filter((value) => value !== undefined))],
  }));
}

function matches(variant: PickerVariant, selection: Record<string, string>): boolean {
  return Object.entries(selection).every(([name, value]) => variant.options[name] === value);
}

/**
 * The variant a page opens with: the requested one when it belongs to the product, else the first that can
 * be bought, else the first (a sold-out product still shows its price).
 */
export function initialVariant<V extends PickerVariant>(variants: readonly V[], requestedId?: string): V | undefined {
  return variants.find((variant) => variant.id === requestedId) ?? variants.find((variant) => variant.available > 0) ?? variants[0];
}

/**
 * Choosing `value` for option `name`: keep the other choices when that combination exists; otherwise move to
 * the closest variant that has the value, preferring one in stock, so the shopper never lands on a combination
 * that does not exist.
 */
export function selectOption<V extends PickerVariant>(variants: readonly V[], current: V, name: string, value: string): V | undefined {
  const wanted = { ...current.options, [name]: value };
  const exact = variants.find((variant) => matches(variant, wanted));
  if (exact) return exact;
  const withValue = variants.filter((variant) => variant.options[name] === value);
  const overlap = (variant: V) => Object.entries(current.options).filter(([key, v]) => key !== name && variant.options[key] === v).length;
  const ranked = [...withValue].sort((a, b) => Number(b.available > 0) - Number(a.available > 0) || overlap(b) - overlap(a));
  return ranked[0];
}

export type ValueState = 'available' | 'sold_out' | 'unavailable';

/** What picking `value` would give with the other current choices kept: buyable, sold out, or no such variant. */
export function optionValueState(variants: readonly PickerVariant[], current: PickerVariant, name: string, value: string): ValueState {
  const variant = variants.find((candidate) => matches(candidate, { ...current.options, [name]: value }));
  if (!variant) return 'unavailable';
  return variant.available > 0 ? 'available' : 'sold_out';
}

export type StockStatus = { kind: StockState; label: string };

/** The availability line: the wording rule is lib/inventory/shopper-stock.ts, shared with GET /api/stock. */
export function stockStatus(available: number): StockStatus {
  return { kind: stockState(available), label: stockLabel(available) };
}

/** Each variant's price labels for the picker, formatted where the page is rendered (see VariantPicker's priceLabels). */
export function variantPriceLabels(variants: readonly PickerVariant[]): Record<string, { price: string; was: string | null }> {
  return Object.fromEntries(
    variants.map((variant) => [
      variant.id,
      {
        price: formatMoney({ amount: variant.priceAmount, currency: variant.currency }),
        was:
          variant.compareAtAmount !== null && variant.compareAtAmount > variant.priceAmount
            ? formatMoney({ amount: variant.compareAtAmount, currency: variant.currency })
            : null,
      },
    ]),
  );
}
