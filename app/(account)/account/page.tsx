// GET /account – the signed-in shopper's profile and their own orders
import { desc, eq } from 'drizzle-orm';
import type { Metadata } from 'next';
import { db } from '@/db';
import { orders } from '@/db/schema';
import { formatMoney, type CurrencyCode } from '@/lib/money';
import { userForPage } from '@/lib/server/auth';

export const metadata: Metadata = { title: 'Your account' };

const statusLabels: Record<(typeof orders.$inferSelect)['status'], string> = {
  pending_payment: 'Awaiting payment',
  paid: 'Paid',
  fulfilled: 'Fulfilled',
  partially_refunded: 'Partly refunded',
  refunded: 'Refunded',
  expired: 'Expired',
  cancelled: 'Cancelled',
  paid_needs_attention: 'Paid – being reviewed',
};

const dateFormat = new Intl.DateTimeFormat('en-NG', { dateStyle: 'medium', timeZone: 'Africa/Lagos' });

export default async function AccountPage() {
  // proxy.ts gates this path too, but the page never relies on it.
  const user = await userForPage('user', '/account');
  // Scoped to the session user: an order is only ever listed for its owner.
  const recent = await db
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      totalAmount: orders.totalAmount,
      currency: orders.currency,
      createdAt: orders.createdAt,
    })
    .from(orders)
    .where(eq(orders.userId, user.id))
    .orderBy(desc(orders.createdAt))
    .limit(20);

  return (
    <div className="space-y-8">
      <section aria-labelledby="profile-heading" className="rounded-xl border border-stone-200 bg-white p-6">
        <h1 id="profile-heading" className="text-2xl font-semibold tracking-tight">
          Your account
        </h1>
        <dl className="mt-4 grid gap-2 text-sm sm:grid-cols-[8rem_1fr]">
          <dt className="text-stone-500">Name</dt>
          <dd>{user.name}</dd>
          <dt className="text-stone-500">Email</dt>
          <dd>{user.email}</dd>
        </dl>
      </section>

      <section aria-labelledby="orders-heading">
        <h2 id="orders-heading" className="text-xl font-semibold">
          Orders
        </h2>
        {recent.length === 0 ? (
          <p className="mt-3 rounded-xl border border-dashed border-stone-300 p-6 text-stone-600">No orders yet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
            {recent.map((order) => (
              <li key={order.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
                <span className="font-medium">{order.number}</span>
                <span className="text-stone-500">{dateFormat.format(order.createdAt)}</span>
                <span>{statusLabels[order.status]}</span>
                <span className="font-medium">
                  {formatMoney({ amount: order.totalAmount, currency: order.currency as CurrencyCode })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
