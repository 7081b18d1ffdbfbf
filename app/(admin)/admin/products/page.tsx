// GET /admin/products?q=&status=&sort=&dir=&page=&pageSize= – every product (active, draft, archived): search by title,
// slug or SKU, filter by status, sort; each row opens the edit page
import type { Metadata } from 'next';
import Link from 'next/link';
import { ListToolbar } from '@/components/admin/catalog/list-toolbar';
import { ProductsTable } from '@/components/admin/catalog/products-table';
import { db } from '@/db';
import { listAdminProducts, productListQuery } from '@/db/queries/admin-products';
import { queryStringOf, type RawSearch } from '@/lib/admin/query-string';
import { userForPage } from '@/lib/server/doors/auth';

export const metadata: Metadata = { title: 'Products', robots: { index: false } };

export default async function AdminProductsPage({ searchParams }: { searchParams: Promise<RawSearch> }) {
  const raw = await searchParams;
  const search = queryStringOf(raw);
  await userForPage('admin', search ? `/admin/products?${search}` : '/admin/products');
  const query = productListQuery.parse(raw);
  const list = await listAdminProducts(db, query);
  const emptyMessage = query.q
    ? `No product matches “${query.q}”${query.status ? ` among ${query.status} products` : ''}.`
    : query.status
      ? `No ${query.status} products.`
      : 'No products yet. Create the first one.';

  return (
    <section aria-labelledby="products-heading" className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="products-heading" className="text-2xl font-semibold tracking-tight">
          Products
        </h1>
        <Link href="/admin/products/new" className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-600">
          New product
        </Link>
      </div>
      <ListToolbar
        name="Find products"
        searchLabel="Title, slug or SKU"
        placeholder="Adire shirt or ADR-SHT"
        param="status"
        tabs={[{ label: 'All' }, { label: 'Active', value: 'active' }, { label: 'Draft', value: 'draft' }, { label: 'Archived', value: 'archived' }]}
      />
      <ProductsTable initialData={list} initialSearch={search} emptyMessage={emptyMessage} />
    </section>
  );
}
