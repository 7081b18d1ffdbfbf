// GET /account – the signed-in shopper's profile (edit name and phone) and their most recent orders
import type { Metadata } from 'next';
import Link from 'next/link';
import { db } from '@/db';
import { listOrdersForUser } from '@/db/queries/orders';
import { OrderStatusBadge } from '@/components/orders/order-status-badge';
import { formatMoney } from '@/lib/core/money';
import { getProfile } from '@/lib/account/profile';
import { userForPage } from '@/lib/server/doors/auth';
import { AccountNav } from './_components/account-nav';
import { ProfileForm } from './_components/profile-form';

export const metadata: Metadata = { title: 'Your account' };

const dateFormat = new Intl.DateTimeFormat('en-NG', { dateStyle: 'medium', timeZone: 'Africa/Lagos' });

export default async function AccountPage() {
  // proxy.ts gates this path too, but the page never relies on it.
  const user = await userForPage('user', '/account');
  // Scoped to the session user: an order is only ever listed for its owner.
  const [recent, profile] = await Promise.all([listOrdersForUser(db, { userId: user.id, page: 1, pageSize: 5 }), getProfile(db, user.id)]);

  return (
    <div className="space-y-8">
      <AccountNav current="/account" />
      <section aria-labelledby="profile-heading" className="rounded-xl border border-stone-200 bg-white p-6">
        <h1 id="profile-heading" className="text-2xl font-semibold tracking-tight">
          Your account
        </h1>
        <ProfileForm email={profile?.email ?? user.email} name={profile?.name ?? user.name} phone={profile?.phone ?? ''} />
        <Link href="/account/payment-methods" className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
          Payment methods
        </Link>
      </section>

      <section aria-labelledby="orders-heading">
        <div className="flex items-baseline justify-between">
          <h2 id="orders-heading" className="text-xl font-semibold">
            Recent orders
          </h2>
          {recent.items.length > 0 ? (
            <Link href="/account/orders" className="text-sm font-medium text-brand-700 hover:underline">
              All orders
            </Link>
          ) : null}
        </div>
        {recent.items.length === 0 ? (
          <p className="mt-3 rounded-xl border border-dashed border-stone-300 p-6 text-stone-600">
            No orders yet.{' '}
            <Link href="/" className="font-medium text-brand-700 hover:underline">
              Start shopping
            </Link>
          </p>
        ) : (
          <ul className="mt-3 divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
            {recent.items.map((order) => (
              <li key={order.id}>
                <Link href={`/account/orders/${order.id}`} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm hover:bg-stone-50">
                  <span className="font-medium">{order.number}</span>
                  <span className="text-stone-500">{dateFormat.format(order.createdAt)}</span>
                  <OrderStatusBadge status={order.status} />
                  <span className="font-medium">{formatMoney({ amount: order.totalAmount, currency: order.currency })}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
