// Pure pricing of an order from database rows: the client sends variant ids and quantities, never prices.
import { addMoney, money, multiplyMoney, type CurrencyCode, type Money } from '../core/money';
import { err, ok, type Result } from '../core/result';
import { orderTotal } from '../discounts/discount-rules';
import type { OrderLineInput } from './checkout-input';
import { orderTotals, type OrderTotals, type VatRule } from './order-totals';

export interface VariantForPricing {
  id: string;
  sku: string;
  title: string;
  priceAmount: number;
  currency: CurrencyCode;
  maxPerOrder: number;
  archivedAt: Date | null;
  productTitle: string;
  productStatus: 'active' | 'draft' | 'archived';
}

/** An order line as it is sold: the snapshot stored in order_items. */
export interface PricedLine {
  variantId: string;
  productTitle: string;
  variantTitle: string;
  sku: string;
  unitPriceAmount: number;
  quantity: number;
  lineTotalAmount: number;
  currency: CurrencyCode;
}

export type PricingProblem =
  | { variantId: string; problem: 'not_found' | 'unavailable' }
  | { variantId: string; problem: 'above_limit'; limit: number }
  | { variantId: string; problem: 'currency_mismatch' };

export interface PricedOrder extends OrderTotals {
  /** Sorted by variant id: the lock order every stock-moving transaction follows. */
  lines: PricedLine[];
}

/** No VAT: for callers that price goods alone. */
const NO_VAT: VatRule = { rateBasisPoints: 0, pricesIncludeVat: true };

export function priceOrder(
  input: OrderLineInput[],
  variants: VariantForPricing[],
  shipping: Money,
  vat: VatRule = NO_VAT,
): Result<PricedOrder, PricingProblem[]> {
  const quantities = new Map<string, number>();
  for (const line of input) quantities.set(line.variantId, (quantities.get(line.variantId) ?? 0) + line.quantity);

  const byId = new Map(variants.map((variant) => [variant.id, variant]));
  const problems: PricingProblem[] = [];
  const lines: PricedLine[] = [];
  for (const [variantId, quantity] of [...quantities].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const variant = byId.get(variantId);
    if (!variant) problems.push({ variantId, problem: 'not_found' });
    else if (variant.archivedAt || variant.productStatus !== 'active') problems.push({ variantId, problem: 'unavailable' });
    else if (quantity > variant.maxPerOrder) problems.push({ variantId, problem: 'above_limit', limit: variant.maxPerOrder });
    else if (variant.currency !== shipping.currency) problems.push({ variantId, problem: 'currency_mismatch' });
    else {
      const unit = money(variant.priceAmount, variant.currency);
      lines.push({
        variantId,
        productTitle: variant.productTitle,
        variantTitle: variant.title,
        sku: variant.sku,
        unitPriceAmount: unit.amount,
        quantity,
        lineTotalAmount: multiplyMoney(unit, quantity).amount,
        currency: unit.currency,
      });
    }
  }
  if (problems.length > 0) return err(problems);
  if (lines.length === 0) return err([]);

  const subtotal = lines.reduce((sum, line) => addMoney(sum, money(line.lineTotalAmount, sum.currency)), money(0, shipping.currency));
  return ok({ lines, ...orderTotals(subtotal, shipping, vat) });
}

/**
 * The order's totals once a discount (already worked out by lib/discounts/discount-rules.ts, within the subtotal) is
 * taken off: VAT on what is left, and subtotal − discount + shipping + VAT added, the sum the orders table's CHECK holds.
 */
export function applyDiscount(priced: PricedOrder, discountAmount: number, vat: VatRule = NO_VAT): OrderTotals {
  return orderTotals(priced.subtotal, priced.shipping, vat, discountAmount);
}
