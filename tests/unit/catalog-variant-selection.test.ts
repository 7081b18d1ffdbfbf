// The rules behind the product page's option pickers, on a tee with a sold-out and a missing combination.
import { describe, expect, it } from 'vitest';
import {
  initialVariant,
  optionGroups,
  optionValueState,
  selectOption,
  stockStatus,
  type PickerVariant,
  variantPriceLabels,
} from '@/components/catalog/variant-selection';
import { formatMoney } from '@/lib/core/money';

const variant = (id: string, size: string, colour: string, available: number, priceAmount = 950_000): PickerVariant => ({
  id,
  title: `${size} / ${colour}`,
  options: { Size: size, Colour: colour },
  priceAmount,
  compareAtAmount: null,
  currency: 'NGN',
  available,
});

// L / Green is not made at all; XL / Green is sold out.
const tee = [
  variant('m-black', 'M', 'Black', 5),
  variant('m-green', 'M', 'Green', 3),
  variant('l-black', 'L', 'Black', 0),
  variant('xl-black', 'XL', 'Black', 9, 1_050_000),
  variant('xl-green', 'XL', 'Green', 0, 1_050_000),
];
const byId = (id: string) => tee.find((v) => v.id === id)!;

describe('optionGroups', () => {
  it('lists each option once, in the order the variants are listed', () => {
    expect(optionGroups(['Size', 'Colour'], tee)).toEqual([
      { name: 'Size', values: ['M', 'L', 'XL'] },
      { name: 'Colour', values: ['Black', 'Green'] },
    ]);
  });
});

describe('initialVariant', () => {
  it('opens the requested variant, even a sold-out one, so a shared link shows what was shared', () => {
    expect(initialVariant(tee, 'xl-green')?.id).toBe('xl-green');
  });
  it('falls back to the first variant in stock for an unknown id', () => {
    const soldOutFirst = [variant('a', 'S', 'Black', 0), ...tee];
    expect(initialVariant(soldOutFirst, 'nope')?.id).toBe('m-black');
  });
  it('falls back to the first variant when everything is sold out', () => {
    const allGone = tee.map((v) => ({ ...v, available: 0 }));
    expect(initialVariant(allGone)?.id).toBe('m-black');
  });
});

describe('selectOption', () => {
  it('keeps the other choices when the combination exists', () => {
    expect(selectOption(tee, byId('m-black'), 'Size', 'XL')?.id).toBe('xl-black');
    expect(selectOption(tee, byId('xl-black'), 'Colour', 'Green')?.id).toBe('xl-green');
  });
  it('moves to a variant in stock with the chosen value when the combination does not exist', () => {
    // L / Green does not exist: M / Green is the green in stock.
    expect(selectOption(tee, byId('l-black'), 'Colour', 'Green')?.id).toBe('m-green');
  });
  it('returns undefined for a value no variant has', () => {
    expect(selectOption(tee, byId('m-black'), 'Colour', 'Purple')).toBeUndefined();
  });
});

describe('optionValueState', () => {
  it('marks values by what they would give with the other choices kept', () => {
    const current = byId('m-black');
    expect(optionValueState(tee, current, 'Size', 'XL')).toBe('available');
    expect(optionValueState(tee, current, 'Size', 'L')).toBe('sold_out');
    expect(optionValueState(tee, byId('l-black'), 'Colour', 'Green')).toBe('unavailable');
  });
});

describe('stockStatus', () => {
  it.each([
    [0, 'sold_out', 'Sold out'],
    [-1, 'sold_out', 'Sold out'],
    [1, 'low', 'Only 1 left'],
    [2, 'low', 'Only 2 left'],
    [3, 'low', 'Only 3 left'],
    [4, 'in_stock', 'In stock'],
    [250, 'in_stock', 'In stock'],
  ])('%i units → %s', (available, kind, label) => {
    expect(stockStatus(available)).toEqual({ kind, label });
  });
});

describe('variantPriceLabels (formatted where the page renders, so the browser needs no Intl.NumberFormat to hydrate)', () => {
  it('gives each variant its price, and its old price only when that is higher', () => {
    const onSale = { ...variant('sale', 'M', 'Red', 3, 800_000), compareAtAmount: 950_000 };
    const notLower = { ...variant('flat', 'L', 'Red', 3, 950_000), compareAtAmount: 950_000 };
    const labels = variantPriceLabels([onSale, notLower, variant('plain', 'S', 'Red', 3)]);
    expect(labels).toEqual({
      sale: { price: formatMoney({ amount: 800_000, currency: 'NGN' }), was: formatMoney({ amount: 950_000, currency: 'NGN' }) },
      flat: { price: formatMoney({ amount: 950_000, currency: 'NGN' }), was: null },
      plain: { price: formatMoney({ amount: 950_000, currency: 'NGN' }), was: null },
    });
    expect(labels.sale?.price).toBe('₦8,000.00');
  });
});
