// GET /cart/restore?token=… – the recovery email's link: shows what it would put back in the cart, changes nothing; the button confirms
import type { Metadata } from 'next';
import Link from 'next/link';
import { RestoreCartForm } from './_components/restore-cart-form';
import { db } from '@/db';
import { env } from '@/lib/core/env';
import { previewRestore, type RestoreRefusal } from '@/lib/recovery/restore-checkout';
import { describeRestoreRefusal } from '@/lib/recovery/restore-messages';
import { variantName } from '@/lib/products/variant-title';

// The token is in the URL: keep it out of Referer headers and search indexes.
export const metadata: Metadata = { title: 'Restore your cart', robots: { index: false, follow: false }, referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

const refusalTitles: Record<RestoreRefusal, string> = {
  invalid: 'This link does not work',
  expired: 'This link has expired',
  already_used: 'This link was already used',
  order_completed: 'This order is already paid',
};

function Refused({ refusal }: { refusal: RestoreRefusal }) {
  return (
    <section className="mx-auto max-w-xl space-y-4 rounded-xl border border-amber-300 bg-amber-50 p-8" data-testid="restore-refused">
      <h1 className="text-2xl font-semibold">{refusalTitles[refusal]}</h1>
      <p className="text-stone-700">{describeRestoreRefusal(refusal)}</p>
      <div className="flex flex-wrap gap-4">
        <Link href="/cart" className="font-medium text-brand-700 underline underline-offset-2">
          Go to your cart
        </Link>
        <Link href="/" className="font-medium text-brand-700 underline underline-offset-2">
          Continue shopping
        </Link>
      </div>
    </section>
  );
}

export default async function RestoreCartPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  if (typeof token !== 'string') return <Refused refusal="invalid" />;
  const preview = await previewRestore({ db, secret: env().NEXTAUTH_SECRET }, token);
  if (!preview.ok) return <Refused refusal={preview.error} />;
  const { orderNumber, lines } = preview.value;

  return (
    <section aria-labelledby="restore-heading" className="mx-auto max-w-xl space-y-6 rounded-xl border border-stone-200 bg-white p-8">
      <div className="space-y-2">
        <h1 id="restore-heading" className="text-2xl font-semibold tracking-tight">
          Pick up where you left off
        </h1>
        <p className="text-stone-600">
          These items were in your checkout {orderNumber}. Put them back in your cart — prices and stock are checked again, and nothing is charged until you
          pay.
        </p>
      </div>
      <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200" data-testid="restore-lines">
        {lines.map((line) => (
          <li key={line.variantId} className="flex justify-between gap-4 px-4 py-3 text-sm">
            <span>
              <span className="font-medium">{line.title}</span>
              {variantName(line.variantTitle) ? <span className="block text-stone-600">{variantName(line.variantTitle)}</span> : null}
            </span>
            <span className="tabular-nums text-stone-700">× {line.quantity}</span>
          </li>
        ))}
      </ul>
      <RestoreCartForm token={token} />
    </section>
  );
}
