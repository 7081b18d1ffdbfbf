// GET /admin/customers/:id – one account (read-only): name, email, role, joined, lifetime value and its orders, each
// opening the admin order page
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { OrderStatusBadge } from '@/components/orders/order-status-badge';
import { db } from '@/db';
import { getAdminCustomer } from '@/db/queries/admin-customers';
import { formatDate, formatDateTime } from '@/lib/core/format-date';
import { formatMoney } from '@/lib/core/money';
import { userForPage } from '@/lib/server/doors/auth';
import { isUuid } from '@/lib/is-uuid';
import { TableHead } from '@/components/ui/table-head';

export const metadata: Metadata = { title: 'Customer', robots: { index: false } };

const ORDER_LIMIT = 50;
const card = 'rounded-xl border border-stone-200 bg-white p-6 text-sm';

export default async function AdminCustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await userForPage('admin', `/admin/customers/${encodeURIComponent(id)}`);
  // Account ids are UUIDs, as order ids are.
  if (!isUuid(id)) notFound();
  const customer = await getAdminCustomer(db, { userId: id, orderLimit: ORDER_LIMIT });
  if (!customer) notFound();

  return (
    <div className="space-y-6">
      <Link href="/admin/customers" className="text-sm font-medium text-brand-700 underline underline-offset-2">
        ← Customers
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{customer.name}</h1>
        {customer.role === 'admin' ? <span className="rounded-full bg-stone-900 px-2.5 py-0.5 text-xs font-medium text-white">Admin</span> : null}
      </div>

      <div className="grid gap-6 lg:grid-cols-[22rem_1fr] lg:items-start">
        <section aria-labelledby="account-heading" className={card}>
          <h2 id="account-heading" className="text-lg font-semibold">
            Account
          </h2>
          <dl className="mt-3 space-y-2">
            <div>
              <dt className="text-stone-500">Email</dt>
              <dd className="break-all">{customer.email}</dd>
            </div>
            <div>
              <dt className="text-stone-500">Role</dt>
              <dd>{customer.role === 'admin' ? 'Admin' : 'Customer'}</dd>
            </div>
            <div>
              <dt className="text-stone-500">Joined</dt>
              <dd>{formatDate(customer.joinedAt)}</dd>
            </div>
            <div>
              <dt className="text-stone-500">Orders</dt>
              <dd>
                {customer.orderCount} placed · {customer.paidOrderCount} paid
              </dd>
            </div>
            <div>
              <dt className="text-stone-500">Lifetime value</dt>
              <dd className="text-base font-semibold tabular-nums" data-testid="lifetime-value">
                {customer.lifetimeValue.length === 0
                  ? formatMoney({ amount: 0, currency: 'NGN' })
                  : customer.lifetimeValue.map((value) => (
                      <span key={value.currency} className="block">
                        {formatMoney(value)}
                      </span>
                    ))}
              </dd>
              <dd className="text-xs text-stone-500">Paid orders’ totals minus refunds.</dd>
            </div>
          </dl>
          <p className="mt-4 border-t border-stone-200 pt-3 text-stone-600">
            <Link href={`/admin/orders?${new URLSearchParams({ q: customer.email })}`} className="font-medium text-brand-700 underline underline-offset-2">
              Every order with this email
            </Link>{' '}
            (guest checkouts included)
          </p>
        </section>

        <section aria-labelledby="customer-orders-heading" className="min-w-0 rounded-xl border border-stone-200 bg-white text-sm">
          <h2 id="customer-orders-heading" className="px-6 pt-5 text-lg font-semibold">
            Orders
            {customer.orderCount > ORDER_LIMIT ? <span className="ml-2 text-sm font-normal text-stone-500">(newest {ORDER_LIMIT})</span> : null}
          </h2>
          {customer.orders.length === 0 ? (
            <p className="px-6 py-8 text-stone-500" data-testid="no-orders">
              No orders placed with this account yet.
            </p>
          ) : (
            <div className="mt-3 overflow-x-auto">
              <table className="w-full text-left" data-testid="customer-orders">
                <TableHead
                  className="border-y border-stone-200 bg-stone-50"
                  cellClassName="py-2"
                  columns={[
                    { label: 'Order', className: 'px-6' },
                    { label: 'Placed', className: 'px-4' },
                    { label: 'Status', className: 'px-4' },
                    { label: 'Total', className: 'px-6 text-right' },
                  ]}
                />
                <tbody className="divide-y divide-stone-100">
                  {customer.orders.map((order) => (
                    <tr key={order.id} className="hover:bg-stone-50">
                      <td className="px-6 py-3">
                        <Link href={`/admin/orders/${order.id}`} className="whitespace-nowrap font-medium text-brand-700 underline-offset-2 hover:underline">
                          {order.number}
                        </Link>
                      </td>
                      <td className="whitespace-nowrap px-4 py-3 text-stone-600">{formatDateTime(order.createdAt)}</td>
                      <td className="px-4 py-3">
                        <OrderStatusBadge status={order.status} />
                      </td>
                      <td className="whitespace-nowrap px-6 py-3 text-right tabular-nums">
                        {formatMoney({ amount: order.totalAmount, currency: order.currency })}
                        {order.refundedAmount > 0 ? (
                          <span className="block text-xs text-sky-900">
                            −{formatMoney({ amount: order.refundedAmount, currency: order.currency })} refunded
                          </span>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
