// GET /account/orders – the signed-in customer's orders, newest first, paginated
import type { Metadata } from 'next';
import Link from 'next/link';
import { Pagination } from '@/components/catalog/pagination';
import { OrderStatusBadge } from '@/components/orders/order-status-badge';
import { db } from '@/db';
import { listOrdersForUser } from '@/db/queries/orders';
import { formatMoney } from '@/lib/core/money';
import { userForPage } from '@/lib/server/doors/auth';

export const metadata: Metadata = { title: 'Your orders', robots: { index: false } };

const dateFormat = new Intl.DateTimeFormat('en-NG', { dateStyle: 'medium', timeZone: 'Africa/Lagos' });
const PAGE_SIZE = 10;

export default async function AccountOrdersPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  const { page: rawPage } = await searchParams;
  const requested = Number(typeof rawPage === 'string' ? rawPage : 1);
  const returnTo = `/account/orders${typeof rawPage === 'string' ? `?page=${encodeURIComponent(rawPage)}` : ''}`;
  // proxy.ts gates /account too, but the page never relies on it: the query is scoped to this session's user.
  const user = await userForPage('user', returnTo);
  const list = await listOrdersForUser(db, { userId: user.id, page: Number.isFinite(requested) ? requested : 1, pageSize: PAGE_SIZE });

  return (
    <section aria-labelledby="orders-heading" className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 id="orders-heading" className="text-2xl font-semibold tracking-tight">
          Your orders
        </h1>
        <Link href="/account" className="text-sm font-medium text-brand-700 underline underline-offset-2">
          Account details
        </Link>
      </div>

      {list.total === 0 ? (
        <div className="rounded-xl border border-dashed border-stone-300 bg-white px-6 py-12 text-center">
          <p className="text-lg font-medium">You have not placed any orders yet.</p>
          <Link href="/" className="mt-4 inline-block font-medium text-brand-700 underline underline-offset-2">
            Start shopping
          </Link>
        </div>
      ) : (
        <>
          <p className="text-sm text-stone-600">
            {list.total} {list.total === 1 ? 'order' : 'orders'}
          </p>
          <ul className="divide-y divide-stone-200 overflow-hidden rounded-xl border border-stone-200 bg-white" data-testid="order-list">
            {list.items.map((order) => (
              <li key={order.id}>
                <Link
                  href={`/account/orders/${order.id}`}
                  className="grid gap-1 px-4 py-4 hover:bg-stone-50 sm:grid-cols-[8rem_1fr_auto_8rem] sm:items-center sm:gap-4 sm:px-6"
                >
                  <span className="font-medium">{order.number}</span>
                  <span className="text-sm text-stone-600">{dateFormat.format(order.createdAt)}</span>
                  <span>
                    <OrderStatusBadge status={order.status} />
                  </span>
                  <span className="font-medium tabular-nums sm:text-right">{formatMoney({ amount: order.totalAmount, currency: order.currency })}</span>
                </Link>
              </li>
            ))}
          </ul>
          <Pagination page={list.page} pageCount={list.pageCount} hrefFor={(page) => `/account/orders?page=${page}`} />
        </>
      )}
    </section>
  );
}
