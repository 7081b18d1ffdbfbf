// Nigerian VAT (7.5%) contained in VAT-inclusive prices. The shop's prices and delivery fees already include VAT,
// so an invoice shows how much of the total is VAT, never adds it on top.
import { type Money, money } from '../core/money';

/** 7.5% in basis points. */
export const NIGERIA_VAT_RATE_BPS = 750;

export function formatVatRate(rateBps: number): string {
  return `${(rateBps / 100).toLocaleString('en-NG', { maximumFractionDigits: 2 })}%`;
}

/** VAT inside a gross amount: gross × rate / (1 + rate), rounded to the nearest minor unit; net is the rest. */
export function vatIncluded(gross: Money, rateBps = NIGERIA_VAT_RATE_BPS): { vat: Money; net: Money } {
  if (!Number.isSafeInteger(rateBps) || rateBps < 0) throw new RangeError(`VAT rate must be whole basis points, got ${rateBps}`);
  const vat = Math.round((gross.amount * rateBps) / (10_000 + rateBps));
  return { vat: money(vat, gross.currency), net: money(gross.amount - vat, gross.currency) };
}
