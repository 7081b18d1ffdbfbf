// An order's totals from its parts, pure and integer-only (kobo):
//   total = subtotal - discount + shipping + taxAdded
// VAT is charged on the goods (after any discount code) and the delivery. When prices include VAT, `tax` is the part of that sum that is VAT
// (sum × r / (1 + r)) and nothing is added; when they exclude it, `tax` (sum × r) is added on top (`taxAdded` = `tax`).
// Rounded half up to the kobo, once per order (never per line), so the invoice's VAT line matches the total.
import { money, type Money } from '../core/money';

export interface VatRule {
  /** 750 is 7.5 %. */
  rateBasisPoints: number;
  pricesIncludeVat: boolean;
}

export interface OrderTotals {
  subtotal: Money;
  /** Taken off the goods by a discount code (lib/discounts), never more than the subtotal; 0 without one. */
  discount: Money;
  shipping: Money;
  /** VAT contained in `total` (the invoice's VAT line). */
  tax: Money;
  /** VAT added on top of subtotal + shipping: 0 when prices include VAT. */
  taxAdded: Money;
  total: Money;
}

/** round(numerator / denominator) for non-negative integers, half up, without floating-point drift. */
function divideRounded(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

export function vatOn(taxable: number, vat: VatRule): { tax: number; taxAdded: number } {
  const rate = vat.rateBasisPoints;
  if (rate === 0 || taxable <= 0) return { tax: 0, taxAdded: 0 };
  if (vat.pricesIncludeVat) return { tax: divideRounded(taxable * rate, 10_000 + rate), taxAdded: 0 };
  const tax = divideRounded(taxable * rate, 10_000);
  return { tax, taxAdded: tax };
}

export function orderTotals(subtotal: Money, shipping: Money, vat: VatRule, discountAmount = 0): OrderTotals {
  if (!Number.isSafeInteger(discountAmount) || discountAmount < 0 || discountAmount > subtotal.amount) {
    throw new RangeError(`A discount must be between 0 and the subtotal, got ${discountAmount}`);
  }
  const taxable = subtotal.amount - discountAmount + shipping.amount;
  const { tax, taxAdded } = vatOn(taxable, vat);
  return {
    subtotal,
    discount: money(discountAmount, subtotal.currency),
    shipping,
    tax: money(tax, subtotal.currency),
    taxAdded: money(taxAdded, subtotal.currency),
    total: money(taxable + taxAdded, subtotal.currency),
  };
}
