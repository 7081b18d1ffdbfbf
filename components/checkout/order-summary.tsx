// The order summary beside the checkout form: the server cart's lines and totals. The total here is for display
// (server subtotal + the server's fee for the chosen option + VAT when prices exclude it, by the same pure function
// the server uses); the order's real total is recomputed on submit.
import type { OrderTotals, VatRule } from '@/lib/checkout/order-totals';
import { formatMoney, type Money } from '@/lib/core/money';
import { formatVatRate } from '@/lib/invoices/vat';
import { variantName } from '@/lib/products/variant-title';

export interface SummaryLine {
  variantId: string;
  title: string;
  variantTitle: string;
  imageUrl: string | null;
  quantity: number;
  lineTotal: Money;
}

export function OrderSummary({
  lines,
  subtotal,
  delivery,
  totals,
  vat,
  discountCode = null,
}: {
  lines: SummaryLine[];
  subtotal: Money;
  /** The chosen option, or null while none the address can have is chosen. */
  delivery: { label: string; fee: Money } | null;
  totals: OrderTotals | null;
  vat: VatRule;
  /** The code the shopper applied; `totals.discount` is what it takes off. */
  discountCode?: string | null;
}) {
  const rate = formatVatRate(vat.rateBasisPoints);
  const discount = discountCode && totals && totals.discount.amount > 0 ? { code: discountCode, amount: totals.discount } : null;
  const itemCount = lines.reduce((sum, line) => sum + line.quantity, 0);
  return (
    <aside className="h-fit space-y-4 rounded-xl border border-stone-200 bg-white p-6 lg:sticky lg:top-6" aria-labelledby="order-summary-heading">
      <h2 id="order-summary-heading" className="text-lg font-semibold">
        Order summary
      </h2>
      <ul className="divide-y divide-stone-100" aria-label="Items">
        {lines.map((line) => (
          <li key={line.variantId} className="flex items-center gap-3 py-3">
            <div className="relative h-14 w-14 flex-none overflow-hidden rounded-md bg-stone-100">
              {line.imageUrl ? (
                // eslint-disable-next-line @next/next/no-img-element
                <img src={line.imageUrl} alt="" width={56} height={56} className="h-full w-full object-cover" />
              ) : null}
              <span className="absolute -right-1 -top-1 rounded-full bg-stone-700 px-1.5 text-xs font-semibold text-white" aria-hidden="true">
                {line.quantity}
              </span>
            </div>
            <div className="min-w-0 flex-1 text-sm">
              <p className="truncate font-medium">{line.title}</p>
              <p className="text-stone-600">
                {variantName(line.variantTitle) ? `${variantName(line.variantTitle)} · ` : ''}Qty {line.quantity}
              </p>
            </div>
            <p className="text-sm font-medium tabular-nums">{formatMoney(line.lineTotal)}</p>
          </li>
        ))}
      </ul>
      <dl className="space-y-2 border-t border-stone-200 pt-4 text-sm">
        <div className="flex justify-between">
          <dt>
            Subtotal ({itemCount} {itemCount === 1 ? 'item' : 'items'})
          </dt>
          <dd className="tabular-nums" data-testid="summary-subtotal">
            {formatMoney(subtotal)}
          </dd>
        </div>
        {discount ? (
          <div className="flex justify-between text-emerald-800">
            <dt>Discount ({discount.code})</dt>
            <dd className="tabular-nums" data-testid="summary-discount">
              −{formatMoney(discount.amount)}
            </dd>
          </div>
        ) : null}
        <div className="flex justify-between">
          <dt>{delivery?.label ?? 'Delivery'}</dt>
          <dd className="tabular-nums" data-testid="summary-delivery">
            {!delivery ? 'Choose an option' : delivery.fee.amount === 0 ? 'Free' : formatMoney(delivery.fee)}
          </dd>
        </div>
        {totals && totals.taxAdded.amount > 0 ? (
          <div className="flex justify-between">
            <dt>VAT at {rate}</dt>
            <dd className="tabular-nums" data-testid="summary-vat">
              {formatMoney(totals.taxAdded)}
            </dd>
          </div>
        ) : null}
        <div className="flex justify-between border-t border-stone-200 pt-2 text-base font-semibold">
          <dt>Total</dt>
          <dd className="tabular-nums" data-testid="summary-total" aria-live="polite">
            {totals ? formatMoney(totals.total) : '—'}
          </dd>
        </div>
      </dl>
      <p className="text-xs text-stone-500">
        {vat.rateBasisPoints === 0 ? '' : vat.pricesIncludeVat ? `Prices include VAT at ${rate}. ` : `Prices exclude VAT; ${rate} is added at checkout. `}
        You pay securely on Paystack&apos;s page.
      </p>
    </aside>
  );
}
