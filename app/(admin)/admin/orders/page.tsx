// GET /admin/orders?q=&status=&page= – find an order: search by number or email, filter by status, newest first
import type { Metadata } from 'next';
import Link from 'next/link';
import { Pagination } from '@/components/catalog/pagination';
import { OrderStatusBadge } from '@/components/orders/order-status-badge';
import { db } from '@/db';
import { listAdminOrders, ORDER_STATUSES } from '@/db/queries/admin-orders';
import { formatDateTime } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { orderStatusLabels } from '@/lib/orders/shopper-order-state';
import { userForPage } from '@/lib/server/auth';

export const metadata: Metadata = { title: 'Orders', robots: { index: false } };

const PAGE_SIZE = 20;

type Search = { q?: string | string[]; status?: string | string[]; page?: string | string[] };

const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

export default async function AdminOrdersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const raw = await searchParams;
  const q = one(raw.q)?.trim().slice(0, 100) ?? '';
  const status = ORDER_STATUSES.find((value) => value === one(raw.status));
  const requested = Number(one(raw.page) ?? 1);
  const hrefFor = (page: number) =>
    `/admin/orders?${new URLSearchParams({ ...(q ? { q } : {}), ...(status ? { status } : {}), ...(page > 1 ? { page: String(page) } : {}) })}`;
  await userForPage('admin', hrefFor(Number.isFinite(requested) ? requested : 1));
  const list = await listAdminOrders(db, { q, status, page: Number.isFinite(requested) ? requested : 1, pageSize: PAGE_SIZE });
  const filtered = q !== '' || status !== undefined;

  return (
    <section aria-labelledby="orders-heading" className="space-y-6">
      <h1 id="orders-heading" className="text-2xl font-semibold tracking-tight">
        Orders
      </h1>

      {/* A GET form: the search lives in the URL, so results can be bookmarked, shared and paged. */}
      <search aria-label="Find orders">
        <form method="get" action="/admin/orders" className="flex flex-wrap items-end gap-3">
          <div className="min-w-56 flex-1">
            <label htmlFor="orders-q" className="block text-sm font-medium text-stone-800">
              Order number or email
            </label>
            <input
              id="orders-q"
              name="q"
              type="search"
              defaultValue={q}
              placeholder="SO-100042 or ada@example.com"
              className="mt-1 block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 shadow-sm focus:border-brand-600"
            />
          </div>
          <div>
            <label htmlFor="orders-status" className="block text-sm font-medium text-stone-800">
              Status
            </label>
            <select
              id="orders-status"
              name="status"
              defaultValue={status ?? ''}
              className="mt-1 block rounded-lg border border-stone-300 bg-white px-3 py-2 shadow-sm focus:border-brand-600"
            >
              <option value="">Any status</option>
              {ORDER_STATUSES.map((value) => (
                <option key={value} value={value}>
                  {orderStatusLabels[value]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-600">
            Find orders
          </button>
          {filtered ? (
            <Link href="/admin/orders" className="py-2 text-sm font-medium text-brand-700 underline underline-offset-2">
              Clear
            </Link>
          ) : null}
        </form>
      </search>

      {list.total === 0 ? (
        <div className="rounded-xl border border-dashed border-stone-300 bg-white px-6 py-12 text-center" data-testid="orders-empty">
          <p className="text-lg font-medium">{filtered ? 'No orders match this search.' : 'No orders yet.'}</p>
          {filtered ? <p className="mt-1 text-sm text-stone-600">Try part of the order number, or the email the customer checked out with.</p> : null}
        </div>
      ) : (
        <>
          <p className="text-sm text-stone-600" aria-live="polite">
            {list.total} {list.total === 1 ? 'order' : 'orders'}
            {filtered ? ' found' : ''}
            {list.pageCount > 1 ? ` · page ${list.page} of ${list.pageCount}` : ''}
          </p>
          <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white">
            <table className="w-full min-w-[44rem] text-sm" data-testid="admin-order-list">
              <thead className="border-b border-stone-200 text-left text-xs uppercase tracking-wide text-stone-500">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Order
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Customer
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Placed
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Status
                  </th>
                  <th scope="col" className="px-4 py-2 text-right font-medium">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {list.items.map((order) => (
                  <tr key={order.id} className="hover:bg-stone-50">
                    <td className="px-4 py-3">
                      <Link href={`/admin/orders/${order.id}`} className="whitespace-nowrap font-medium text-brand-700 underline-offset-2 hover:underline">
                        {order.number}
                      </Link>
                    </td>
                    <td className="px-4 py-3">
                      <span className="block">{order.email}</span>
                      <span className="text-xs text-stone-500">{order.customerName ?? 'Guest'}</span>
                    </td>
                    <td className="whitespace-nowrap px-4 py-3 text-stone-600">{formatDateTime(order.createdAt)}</td>
                    <td className="px-4 py-3">
                      <OrderStatusBadge status={order.status} />
                    </td>
                    <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums">
                      {formatMoney({ amount: order.totalAmount, currency: order.currency })}
                      {order.refundedAmount > 0 ? (
                        <span className="block text-xs text-sky-900">−{formatMoney({ amount: order.refundedAmount, currency: order.currency })} refunded</span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={list.page} pageCount={list.pageCount} hrefFor={hrefFor} />
        </>
      )}
    </section>
  );
}
