// GET /admin/customers/guest?email= – a guest: the orders placed signed out with one email (no account has it), their
// lifetime value, the name and phone on the newest order, and the staff's internal notes (add one here). An email that
// belongs to an account opens that account's page instead.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { CustomerOrders } from '@/components/admin/customers/customer-orders';
import { NotesPanel } from '@/components/admin/notes/notes-panel';
import { db } from '@/db';
import { getAdminGuestCustomer } from '@/db/queries/admin-customers';
import { listCustomerNotes } from '@/db/queries/admin-notes';
import type { RawSearch } from '@/lib/admin/query-string';
import { formatDate } from '@/lib/core/format-date';
import { formatMoney } from '@/lib/core/money';
import { userForPage } from '@/lib/server/doors/auth';
import { addCustomerNoteAction } from '../actions';

export const metadata: Metadata = { title: 'Guest customer', robots: { index: false } };

const ORDER_LIMIT = 50;
const emailSchema = z.object({ email: z.string().trim().toLowerCase().pipe(z.email()) });

export default async function AdminGuestCustomerPage({ searchParams }: { searchParams: Promise<RawSearch> }) {
  const raw = await searchParams;
  const asked = typeof raw.email === 'string' ? raw.email : '';
  await userForPage('admin', `/admin/customers/guest?${new URLSearchParams({ email: asked })}`);
  const parsed = emailSchema.safeParse({ email: asked });
  if (!parsed.success) notFound();
  const found = await getAdminGuestCustomer(db, { email: parsed.data.email, orderLimit: ORDER_LIMIT });
  if (found.kind === 'account') redirect(`/admin/customers/${found.userId}`);
  if (found.kind === 'none') notFound();
  const { guest } = found;
  const notes = await listCustomerNotes(db, guest.email);

  return (
    <div className="space-y-6">
      <Link href="/admin/customers?role=guest" className="text-sm font-medium text-brand-700 underline underline-offset-2">
        ← Customers
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{guest.name}</h1>
        <span className="rounded-full bg-stone-100 px-2.5 py-0.5 text-xs font-medium text-stone-700 ring-1 ring-inset ring-stone-300">Guest</span>
      </div>

      <div className="grid gap-6 lg:grid-cols-[22rem_1fr] lg:items-start">
        <section aria-labelledby="guest-heading" className="rounded-xl border border-stone-200 bg-white p-6 text-sm">
          <h2 id="guest-heading" className="text-lg font-semibold">
            Guest checkouts
          </h2>
          <p className="mt-1 text-xs text-stone-500">No account: these orders were placed signed out with this email.</p>
          <dl className="mt-3 space-y-2">
            <div>
              <dt className="text-stone-500">Email</dt>
              <dd className="break-all">{guest.email}</dd>
            </div>
            {guest.phone ? (
              <div>
                <dt className="text-stone-500">Phone (newest order)</dt>
                <dd>
                  <a href={`tel:${guest.phone}`} className="text-brand-700 underline underline-offset-2">
                    {guest.phone}
                  </a>
                </dd>
              </div>
            ) : null}
            <div>
              <dt className="text-stone-500">First order</dt>
              <dd>{formatDate(guest.firstOrderAt)}</dd>
            </div>
            <div>
              <dt className="text-stone-500">Orders</dt>
              <dd>
                {guest.orderCount} placed · {guest.paidOrderCount} paid
              </dd>
            </div>
            <div>
              <dt className="text-stone-500">Lifetime value</dt>
              <dd className="text-base font-semibold tabular-nums" data-testid="lifetime-value">
                {guest.lifetimeValue.length === 0
                  ? formatMoney({ amount: 0, currency: 'NGN' })
                  : guest.lifetimeValue.map((value) => (
                      <span key={value.currency} className="block">
                        {formatMoney(value)}
                      </span>
                    ))}
              </dd>
              <dd className="text-xs text-stone-500">Paid orders’ totals minus refunds.</dd>
            </div>
          </dl>
        </section>
        <div className="min-w-0 space-y-6">
          <CustomerOrders orders={guest.orders} orderCount={guest.orderCount} limit={ORDER_LIMIT} emptyMessage="No orders." />
          <NotesPanel notes={notes} add={addCustomerNoteAction} target={{ email: guest.email }} subject="customer" />
        </div>
      </div>
    </div>
  );
}
