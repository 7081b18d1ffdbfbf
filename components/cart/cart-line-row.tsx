'use client';
// One line of the cart page: picture, names, unit price, quantity stepper, line total and remove.
import Link from 'next/link';
import { formatMoney } from '@/lib/core/money';
import type { CartLine } from '@/lib/cart/types';
import { QuantityStepper } from './quantity-stepper';
import { lineTitle, variantName } from '@/lib/products/variant-title';

interface CartLineRowProps {
  line: CartLine;
  busy: boolean;
  onQuantity: (quantity: number) => void;
  onRemove: () => void;
}

export function CartLineRow({ line, busy, onQuantity, onRemove }: CartLineRowProps) {
  const variant = variantName(line.variantTitle);
  const name = lineTitle(line.productTitle, line.variantTitle, ', ');
  const atMax = line.quantity >= line.maxQuantity;
  return (
    <li className="flex gap-4 py-5" data-testid="cart-line" data-variant-id={line.variantId}>
      <div className="h-24 w-24 flex-none overflow-hidden rounded-lg bg-stone-100">
        {line.imageUrl ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={line.imageUrl} alt="" width={96} height={96} className="h-full w-full object-cover" />
        ) : null}
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <Link href={`/products/${line.productSlug}`} className="font-medium hover:text-brand-700">
            {line.productTitle}
          </Link>
          {variant ? <p className="text-sm text-stone-600">{variant}</p> : null}
          <p className="mt-1 text-sm text-stone-600">
            <span className="sr-only">Unit price: </span>
            {formatMoney(line.unitPrice)} each
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3 sm:flex-col sm:items-end">
          <QuantityStepper quantity={line.quantity} max={line.maxQuantity} label={name} onChange={onQuantity} />
          {atMax ? (
            <p className="text-xs text-stone-500">
              {/* Say which limit it is: what is in stock, or the most one order may take. */}
              {line.available <= line.maxQuantity ? `Only ${line.maxQuantity} in stock` : `At most ${line.maxQuantity} per order`}
            </p>
          ) : null}
          <p className="font-semibold tabular-nums" data-testid="line-total">
            <span className="sr-only">Line total: </span>
            {formatMoney(line.lineTotal)}
          </p>
          <button
            type="button"
            onClick={onRemove}
            disabled={busy}
            className="text-sm text-stone-600 underline underline-offset-2 hover:text-red-700 disabled:opacity-50"
            aria-label={`Remove ${name} from cart`}
          >
            Remove
          </button>
        </div>
      </div>
    </li>
  );
}
