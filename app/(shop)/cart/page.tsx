// GET /cart – the shopper's cart, rendered on the server with database prices, then live on the client
import type { Metadata } from 'next';
import { CartContents } from '@/components/cart/cart-contents';
import { getCart } from '@/lib/cart/get-cart';
import { cartDeps, getCartOwner } from '@/lib/server/doors/cart-session';

export const metadata: Metadata = { title: 'Your cart', robots: { index: false } };

export default async function CartPage() {
  // Reading never issues a cookie; an outage leaves the client to retry and explain rather than failing the page.
  const result = await getCart(cartDeps(), await getCartOwner());
  return (
    <section aria-labelledby="cart-heading" className="space-y-6">
      <h1 id="cart-heading" className="text-2xl font-semibold tracking-tight">
        Your cart
      </h1>
      <CartContents initialCart={result.ok ? result.value : undefined} />
    </section>
  );
}
