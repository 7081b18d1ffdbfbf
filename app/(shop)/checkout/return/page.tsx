// GET /checkout/return – Paystack's callback_url: verify the reference server-side, then show the order's real state
import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { RefreshCart } from '@/components/checkout/refresh-cart';
import { CopyOrderLink } from '@/components/orders/copy-order-link';
import { OrderDetails } from '@/components/orders/order-details';
import { OrderStatePanel } from '@/components/orders/order-state-panel';
import { type CompleteReturnDeps, completeReturn } from '@/lib/payments/ask-paystack';
import { env } from '@/lib/core/env';
import { redis } from '@/lib/redis';
import { getCartOwner } from '@/lib/server/doors/cart-session';
import { confirmDeps } from '@/lib/server/deps/checkout';
import { orderForViewer } from '@/lib/server/doors/order-access';
import { afterPaymentCommitted } from '@/lib/server/deps/payment-effects';

export const metadata: Metadata = { title: 'Your payment', robots: { index: false } };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** This request's session, cookies and cache, as the use case's dependencies. */
function returnDeps(): CompleteReturnDeps {
  return {
    ...confirmDeps(),
    redis: redis(),
    siteUrl: env().NEXTAUTH_URL,
    viewOrder: (orderId) => orderForViewer(orderId, { useCookie: true }),
    cartOwner: () => getCartOwner(),
    afterPaymentCommitted,
  };
}

function Notice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mx-auto max-w-xl space-y-3 rounded-xl border border-stone-200 bg-white p-8 text-center" data-testid="order-state">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      {children}
    </section>
  );
}

export default async function CheckoutReturnPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const view = await completeReturn(returnDeps(), first(params.reference) ?? first(params.trxref));
  if (view.kind === 'not_found') {
    return (
      <Notice title="We could not find that payment">
        <p className="text-stone-600">If you paid, your confirmation email is on its way and your order is safe.</p>
        <Link href="/" className="inline-block font-medium text-brand-700 underline underline-offset-2">
          Continue shopping
        </Link>
      </Notice>
    );
  }
  if (view.kind === 'thank_you_private') {
    // Another browser or account: the payment was still checked, but the order's details stay private.
    return (
      <Notice title="Thank you">
        <p className="text-stone-600">We have checked this payment with Paystack. The order&apos;s details are in the email we sent, or in your account.</p>
        <Link
          href={`/sign-in?${new URLSearchParams({ callbackUrl: '/account/orders' })}`}
          className="inline-block font-medium text-brand-700 underline underline-offset-2"
        >
          Sign in to see your orders
        </Link>
      </Notice>
    );
  }

  const { order, state, accessToken, viewer, refreshCart, link, confirmingTransfer } = view;
  return (
    <div className="space-y-6">
      {refreshCart ? <RefreshCart /> : null}
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Order {order.number}</h1>
        {viewer === 'owner' ? (
          <Link href={`/account/orders/${order.id}`} className="text-sm font-medium text-brand-700 underline underline-offset-2">
            View in your account
          </Link>
        ) : null}
      </div>
      <OrderStatePanel state={state} order={order} accessToken={accessToken} polling confirmingTransfer={confirmingTransfer} />
      {link ? <CopyOrderLink link={link} /> : null}
      <OrderDetails order={order} />
    </div>
  );
}
