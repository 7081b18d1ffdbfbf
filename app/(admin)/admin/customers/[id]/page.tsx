// GET /admin/customers/:id – one account: name, email, role, joined, lifetime value and its orders, each opening the
// admin order page; and the staff's internal notes on the customer (add one here)
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CustomerOrders } from '@/components/admin/customers/customer-orders';
import { NotesPanel } from '@/components/admin/notes/notes-panel';
import { db } from '@/db';
import { getAdminCustomer } from '@/db/queries/admin-customers';
import { listCustomerNotes } from '@/db/queries/admin-notes';
import { formatDate } from '@/lib/core/format-date';
import { formatMoney } from '@/lib/core/money';
import { userForPage } from '@/lib/server/doors/auth';
import { isUuid } from '@/lib/is-uuid';
import { addCustomerNoteAction } from '../actions';

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
  const notes = await listCustomerNotes(db, customer.email);

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

        <div className="min-w-0 space-y-6">
          <CustomerOrders
            orders={customer.orders}
            orderCount={customer.orderCount}
            limit={ORDER_LIMIT}
            emptyMessage="No orders placed with this account yet."
          />
          <NotesPanel notes={notes} add={addCustomerNoteAction} target={{ email: customer.email }} subject="customer" />
        </div>
      </div>
    </div>
  );
}
