// GET /account/orders/:id – one of the signed-in customer's orders: items, totals, delivery, payments
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { InvoiceDownloadLink } from '@/components/orders/invoice-download-link';
import { OrderDetails } from '@/components/orders/order-details';
import { OrderStatePanel } from '@/components/orders/order-state-panel';
import { OrderStatusBadge } from '@/components/orders/order-status-badge';
import { db } from '@/db';
import { getOrderForUser } from '@/db/queries/orders';
import { shopperOrderState } from '@/lib/orders/shopper-order-state';
import { userForPage } from '@/lib/server/doors/auth';
import { isUuid } from '@/lib/is-uuid';

export const metadata: Metadata = { title: 'Order details', robots: { index: false } };

const dateFormat = new Intl.DateTimeFormat('en-NG', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Africa/Lagos' });

export default async function AccountOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await userForPage('user', `/account/orders/${encodeURIComponent(id)}`);
  // Scoped to the session user: another customer's order id is simply "not found".
  const order = isUuid(id) ? await getOrderForUser(db, { orderId: id, userId: user.id }) : null;
  if (!order) notFound();
  const state = shopperOrderState(order, order.payments[0]);

  return (
    <div className="space-y-6">
      <Link href="/account/orders" className="text-sm font-medium text-brand-700 underline underline-offset-2">
        ← All orders
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Order {order.number}</h1>
        <OrderStatusBadge status={order.status} />
        <p className="w-full text-sm text-stone-600">Placed on {dateFormat.format(order.createdAt)}</p>
      </div>
      {/* A paid order needs no "thank you" panel here, only its invoice; the panel offers it for a refunded one. */}
      {state === 'paid' ? (
        <InvoiceDownloadLink orderId={order.id} token={null} />
      ) : (
        <OrderStatePanel state={state} order={order} accessToken={null} polling={false} />
      )}
      <OrderDetails order={order} showPayments />
    </div>
  );
}
