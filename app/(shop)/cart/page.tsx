// GET /cart – the shopper's cart, rendered on the server with database prices, then live on the client
import type { Metadata } from 'next';
import { CartContents } from '@/components/cart/cart-contents';
import { cartProblemMessage } from '@/lib/cart/cart-messages';
import { getCart } from '@/lib/cart/get-cart';
import { cartDeps, getCartOwner } from '@/lib/server/doors/cart-session';

export const metadata: Metadata = { title: 'Your cart', robots: { index: false } };

export default async function CartPage({ searchParams }: { searchParams: Promise<{ problem?: string | string[] }> }) {
  // Reading never issues a cookie; an outage leaves the client to retry and explain rather than failing the page.
  const result = await getCart(cartDeps(), await getCartOwner());
  // Set by an add posted before the product page's JavaScript ran (POST /api/cart/items as a form) that changed nothing.
  const { problem } = await searchParams;
  const problemMessage = cartProblemMessage(typeof problem === 'string' ? problem : undefined);
  return (
    <section aria-labelledby="cart-heading" className="space-y-6">
      <h1 id="cart-heading" className="text-2xl font-semibold tracking-tight">
        Your cart
      </h1>
      {problemMessage ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {problemMessage}
        </p>
      ) : null}
      <CartContents initialCart={result.ok ? result.value : undefined} />
    </section>
  );
}
