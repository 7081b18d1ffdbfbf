// The order summary beside the checkout form: the server cart's lines and totals. The total here is for display
// (server subtotal + the server's fee for the chosen option); the order's real total is recomputed on submit.
import { addMoney, formatMoney, type Money } from '@/lib/core/money';

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
  deliveryFee,
  deliveryLabel,
  discount = null,
}: {
  lines: SummaryLine[];
  subtotal: Money;
  deliveryFee: Money;
  deliveryLabel: string;
  /** A code the shopper applied, and what it takes off. */
  discount?: { code: string; amount: Money } | null;
}) {
  const beforeDiscount = addMoney(subtotal, deliveryFee);
  const total = discount ? { ...beforeDiscount, amount: Math.max(0, beforeDiscount.amount - discount.amount.amount) } : beforeDiscount;
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
                {line.variantTitle ? `${line.variantTitle} · ` : ''}Qty {line.quantity}
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
          <dt>{deliveryLabel}</dt>
          <dd className="tabular-nums" data-testid="summary-delivery">
            {deliveryFee.amount === 0 ? 'Free' : formatMoney(deliveryFee)}
          </dd>
        </div>
        <div className="flex justify-between border-t border-stone-200 pt-2 text-base font-semibold">
          <dt>Total</dt>
          <dd className="tabular-nums" data-testid="summary-total" aria-live="polite">
            {formatMoney(total)}
          </dd>
        </div>
      </dl>
      <p className="text-xs text-stone-500">VAT included. You pay securely on Paystack&apos;s page.</p>
    </aside>
  );
}
