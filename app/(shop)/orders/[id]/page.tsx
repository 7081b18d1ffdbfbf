// GET /orders/:id?token=… – a guest's order through its signed link (or its owner's, when signed in)
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { OrderDetails } from '@/components/orders/order-details';
import { OrderStatePanel } from '@/components/orders/order-state-panel';
import { OrderStatusBadge } from '@/components/orders/order-status-badge';
import { shopperOrderState } from '@/lib/orders/shopper-order-state';
import { orderForViewer } from '@/lib/server/order-access';

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
  const found = await orderForViewer(id, { token: typeof token === 'string' ? token : null, useCookie: true });
  // Wrong token, someone else's order and no such order all look the same.
  if (!found) notFound();
  const { order, accessToken } = found;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Order {order.number}</h1>
        <OrderStatusBadge status={order.status} />
        <p className="w-full text-sm text-stone-600">Placed on {dateFormat.format(order.createdAt)}</p>
      </div>
      <OrderStatePanel state={shopperOrderState(order, order.payments[0])} order={order} accessToken={accessToken} polling={false} />
      <OrderDetails order={order} showPayments />
    </div>
  );
}
