// GET /admin/orders?q=&status=&refund=&from=&to=&sort=&dir=&page=&pageSize= – find an order: search by number, name, phone, email
// or payment reference; filter by status, refund state and placed-between days; sort; page; export the view as CSV
import type { Metadata } from 'next';
import { OrderFilters } from '@/components/admin/orders/order-filters';
import { OrdersTable } from '@/components/admin/orders/orders-table';
import { db } from '@/db';
import { listOrdersForAdmin } from '@/db/queries/admin-order-list';
import { orderListQuerySchema } from '@/lib/admin/order-list-query';
import { userForPage } from '@/lib/server/doors/auth';

export const metadata: Metadata = { title: 'Orders', robots: { index: false } };

type Search = Record<string, string | string[] | undefined>;

/** The query string as the browser's useSearchParams() prints it, so the table takes this first page as its data. */
function queryString(raw: Search): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, one);
  return params.toString();
}

export default async function AdminOrdersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const raw = await searchParams;
  const search = queryString(raw);
  await userForPage('admin', search ? `/admin/orders?${search}` : '/admin/orders');
  const list = await listOrdersForAdmin(db, orderListQuerySchema.parse(raw));

  return (
    <section aria-labelledby="orders-heading" className="space-y-6">
      <h1 id="orders-heading" className="text-2xl font-semibold tracking-tight">
        Orders
      </h1>
      <OrderFilters />
      <OrdersTable initialData={list} initialSearch={search} />
    </section>
  );
}
