// GET /checkout – contact, address and delivery for the shopper's cart, with server-computed totals
import type { Metadata } from 'next';
import Link from 'next/link';
import { CheckoutForm } from './_components/checkout-form';
import { describeNotice } from '@/lib/cart/cart-messages';
import { getCart } from '@/lib/cart/get-cart';
import { NIGERIAN_STATES } from '@/lib/checkout/checkout-input';
import { getShopSettings } from '@/lib/server/deps/shop-settings';
import { db } from '@/db';
import { listSavedCards } from '@/lib/cards/saved-cards';
import { getCurrentUser } from '@/lib/server/doors/auth';
import { cartDeps, getCartOwner } from '@/lib/server/doors/cart-session';
import type { SavedAddressOption } from '@/components/checkout/saved-address-picker';
import { listAddresses, type SavedAddress } from '@/lib/account/addresses';

export const metadata: Metadata = { title: 'Checkout', robots: { index: false } };

export default async function CheckoutPage() {
  const [owner, user, { settings }] = await Promise.all([getCartOwner(), getCurrentUser(), getShopSettings()]);
  // A signed-in shopper's saved addresses (scoped to them), the default first: it prefills the address fields.
  const [cart, cards, saved] = await Promise.all([getCart(cartDeps(), owner), user ? listSavedCards(db, user.id) : [], user ? listAddresses(db, user.id) : []]);

  return (
    <section aria-labelledby="checkout-heading" className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 id="checkout-heading" className="text-2xl font-semibold tracking-tight">
          Checkout
        </h1>
        <Link href="/cart" className="text-sm font-medium text-brand-700 underline underline-offset-2">
          Back to cart
        </Link>
      </div>

      {!cart.ok ? (
        <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-6 text-red-900">
          <p className="font-medium">Your cart cannot be loaded right now.</p>
          <p className="mt-1 text-sm">Nothing has been charged. Please try again in a moment.</p>
          <Link href="/checkout" className="mt-3 inline-block font-medium underline underline-offset-2">
            Try again
          </Link>
        </div>
      ) : cart.value.lines.length === 0 ? (
        <div className="rounded-xl border border-dashed border-stone-300 bg-white px-6 py-12 text-center" data-testid="checkout-empty">
          <p className="text-lg font-medium">Your cart is empty.</p>
          {cart.value.notices.map((notice) => (
            <p key={notice.variantId} className="mt-2 text-sm text-stone-600">
              {describeNotice(notice)}
            </p>
          ))}
          <Link href="/" className="mt-4 inline-block font-medium text-brand-700 underline underline-offset-2">
            Continue shopping
          </Link>
        </div>
      ) : (
        <>
          {cart.value.notices.length > 0 ? (
            <div role="status" className="space-y-2">
              {cart.value.notices.map((notice) => (
                <p key={`${notice.kind}:${notice.variantId}`} className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
                  {describeNotice(notice)}
                </p>
              ))}
            </div>
          ) : null}
          <CheckoutForm
            lines={cart.value.lines.map((line) => ({
              variantId: line.variantId,
              title: line.productTitle,
              variantTitle: line.variantTitle,
              imageUrl: line.imageUrl,
              quantity: line.quantity,
              lineTotal: line.lineTotal,
            }))}
            subtotal={cart.value.subtotal}
            delivery={{ delivery: settings.delivery, pickup: settings.pickup }}
            vat={settings.vat}
            defaultEmail={user?.email ?? ''}
            signedIn={user !== null}
            states={NIGERIAN_STATES}
            savedCards={cards.filter((card) => !card.expired).map(({ id, brand, last4, expMonth, expYear }) => ({ id, brand, last4, expMonth, expYear }))}
            savedAddresses={saved.map(toAddressOption)}
          />
        </>
      )}
    </section>
  );
}

function toAddressOption(address: SavedAddress): SavedAddressOption {
  const { id, label, fullName, phone, line1, line2, city, state, postalCode, isDefault } = address;
  return {
    id,
    name: [label, `${fullName}, ${line1}, ${city}`].filter(Boolean).join(' — '),
    isDefault,
    values: { fullName, phone, line1, line2: line2 ?? '', city, state, postalCode: postalCode ?? '' },
  };
}
