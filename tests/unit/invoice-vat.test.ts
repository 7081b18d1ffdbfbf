import { describe, expect, it } from 'vitest';
import { formatInvoiceNumber } from '@/lib/invoices/allocate-invoice';
import { formatVatRate, vatIncluded } from '@/lib/invoices/vat';
import { money } from '@/lib/core/money';

describe('vatIncluded (prices include 7.5% VAT)', () => {
  it.each([
    // gross kobo, VAT kobo, net kobo
    [5_800_000, 404_651, 5_395_349], // ₦58,000.00 → ₦4,046.51 VAT
    [10_750, 750, 10_000], // exact: ₦107.50 = ₦100 + ₦7.50
    [1, 0, 1],
    [15, 1, 14], // 1.046… rounds to 1
    [0, 0, 0],
  ])('%i kobo contains %i kobo VAT', (gross, vat, net) => {
    expect(vatIncluded(money(gross))).toEqual({ vat: money(vat), net: money(net) });
  });

  it('keeps the currency and refuses a fractional rate', () => {
    expect(vatIncluded(money(10_750, 'GHS')).vat.currency).toBe('GHS');
    expect(() => vatIncluded(money(100), 7.5)).toThrow(RangeError);
  });

  it('formats the rate', () => {
    expect(formatVatRate(750)).toBe('7.5%');
    expect(formatVatRate(1_500)).toBe('15%');
  });
});

describe('formatInvoiceNumber', () => {
  it.each([
    [2026, 1, 'INV-2026-000001'],
    [2026, 42, 'INV-2026-000042'],
    [2027, 999_999, 'INV-2027-999999'],
    [2027, 1_000_000, 'INV-2027-1000000'],
  ])('%i / %i → %s', (year, sequence, expected) => {
    expect(formatInvoiceNumber(year, sequence)).toBe(expected);
  });
});
