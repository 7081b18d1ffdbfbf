// Which lines could not be reserved and how many are left, with the way back to the cart to fix them.
import Link from 'next/link';
import { describeShortLine } from '@/lib/checkout/checkout-messages';
import type { ShortCheckoutLine } from '@/lib/checkout/checkout-use-case';

export function OutOfStockNotice({ lines }: { lines: ShortCheckoutLine[] }) {
  return (
    <div role="alert" className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950" data-testid="out-of-stock">
      <p className="font-semibold">Some items are no longer available in the quantity you chose.</p>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
        {lines.map((line) => (
          <li key={line.variantId}>{describeShortLine(line)}</li>
        ))}
      </ul>
      <p className="mt-3 text-sm">
        Nothing was charged and no order was placed.{' '}
        <Link href="/cart" className="font-medium underline underline-offset-2">
          Review your cart
        </Link>
      </p>
    </div>
  );
}
