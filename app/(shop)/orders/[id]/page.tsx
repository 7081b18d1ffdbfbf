// GET /orders/:id?token=… – a guest's order through its signed link (or its owner's, when signed in)
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { OrderDetails } from '@/components/orders/order-details';
import { OrderStatePanel } from '@/components/orders/order-state-panel';
import { OrderStatusBadge } from '@/components/orders/order-status-badge';
import { shopperOrderState } from '@/lib/orders/shopper-order-state';
import { checkOrderAccess } from '@/lib/orders/order-access';
import { isUuid } from '@/lib/is-uuid';
import { orderForViewer } from '@/lib/server/doors/order-access';
import { env } from '@/lib/core/env';
import { ExpiredLinkPanel } from './_components/expired-link-panel';

export const metadata: Metadata = { title: 'Your order', robots: { index: false, follow: false } };
export const dynamic = 'force-dynamic';

const dateFormat = new Intl.DateTimeFormat('en-NG', { dateStyle: 'long', timeZone: 'Africa/Lagos' });

export default async function GuestOrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const [{ id }, { token }] = await Promise.all([params, searchParams]);
  const linkToken = typeof token === 'string' ? token : null;
  const found = await orderForViewer(id, { token: linkToken, useCookie: true });
  if (!found) {
    // A genuine link past its 30 days may ask for a fresh one (sent to the order's own address); a wrong token,
    // someone else's order and no such order all look the same.
    if (linkToken && isUuid(id) && checkOrderAccess(env().NEXTAUTH_SECRET, id, linkToken) === 'expired') {
      return <ExpiredLinkPanel orderId={id} token={linkToken} />;
    }
    notFound();
  }
  const { order, accessToken } = found;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Order {order.number}</h1>
        <OrderStatusBadge status={order.status} />
        <p className="w-full text-sm text-stone-600">Placed on {dateFormat.format(order.createdAt)}</p>
      </div>
      <OrderStatePanel state={shopperOrderState(order, order.payments[0])} order={order} accessToken={accessToken} polling={false} />
      <OrderDetails order={order} showPayments accessToken={accessToken} />
    </div>
  );
}
