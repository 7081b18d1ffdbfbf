// GET /admin/customers?q=&role=&sort=&dir=&page=&pageSize= – every account and every guest (orders placed signed out,
// grouped by email): name, email, role, since, orders and lifetime value; each row opens the account or the guest
import type { Metadata } from 'next';
import { ListToolbar } from '@/components/admin/catalog/list-toolbar';
import { CustomersTable } from '@/components/admin/customers/customers-table';
import { db } from '@/db';
import { listCustomersForAdmin } from '@/db/queries/admin-customers';
import { customerListQuerySchema } from '@/lib/admin/customer-list-query';
import { userForPage } from '@/lib/server/doors/auth';

export const metadata: Metadata = { title: 'Customers', robots: { index: false } };

type Search = Record<string, string | string[] | undefined>;

/** The query string as the browser's useSearchParams() prints it, so the table takes this first page as its data. */
function queryString(raw: Search): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, one);
  return params.toString();
}

export default async function AdminCustomersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const raw = await searchParams;
  const search = queryString(raw);
  await userForPage('admin', search ? `/admin/customers?${search}` : '/admin/customers');
  const list = await listCustomersForAdmin(db, customerListQuerySchema.parse(raw));

  return (
    <section aria-labelledby="customers-heading" className="space-y-6">
      <div className="space-y-1">
        <h1 id="customers-heading" className="text-2xl font-semibold tracking-tight">
          Customers
        </h1>
        <p className="text-sm text-stone-600">
          Accounts that signed up, and guests — people who checked out without an account, one row per email. Lifetime value is what their paid orders came to,
          minus refunds.
        </p>
      </div>
      <ListToolbar
        searchLabel="Name or email"
        placeholder="Ada or ada@example.com"
        param="role"
        tabs={[{ label: 'Everyone' }, { label: 'Customers', value: 'customer' }, { label: 'Guests', value: 'guest' }, { label: 'Admins', value: 'admin' }]}
      />
      <CustomersTable initialData={list} initialSearch={search} />
    </section>
  );
}
