// GET /admin/inventory?q=&filter=low-stock&sort=&dir=&page=&pageSize= – stock per variant: on hand, reserved, available,
// threshold and active holds; each row opens the variant's page (holds, adjust stock, threshold, history)
import type { Metadata } from 'next';
import { ListToolbar } from '@/components/admin/catalog/list-toolbar';
import { InventoryTable } from '@/components/admin/catalog/inventory-table';
import { db } from '@/db';
import { inventoryListQuery, listInventory } from '@/db/queries/admin-inventory';
import { queryStringOf, type RawSearch } from '@/lib/admin/query-string';
import { userForPage } from '@/lib/server/doors/auth';

export const metadata: Metadata = { title: 'Inventory', robots: { index: false } };

export default async function AdminInventoryPage({ searchParams }: { searchParams: Promise<RawSearch> }) {
  const raw = await searchParams;
  const search = queryStringOf(raw);
  await userForPage('admin', search ? `/admin/inventory?${search}` : '/admin/inventory');
  const query = inventoryListQuery.parse(raw);
  const list = await listInventory(db, query);
  const emptyMessage = query.q
    ? `No variant matches “${query.q}”${query.filter === 'low-stock' ? ' among those low on stock' : ''}.`
    : query.filter === 'low-stock'
      ? 'No variant is low on stock: every one has more available than its threshold.'
      : 'No products yet. Create one under Products.';

  return (
    <section aria-labelledby="inventory-heading" className="space-y-6">
      <div className="space-y-1">
        <h1 id="inventory-heading" className="text-2xl font-semibold tracking-tight">
          Inventory
        </h1>
        <p className="text-sm text-stone-600">
          Available is on hand minus what unpaid orders hold. Open a variant to see its holds, adjust its stock or change its low-stock threshold.
        </p>
      </div>
      <ListToolbar
        name="Find variants"
        searchLabel="Product, variant or SKU"
        placeholder="Adire shirt or ADR-SHT-M"
        param="filter"
        tabs={[{ label: 'All variants' }, { label: 'Low stock', value: 'low-stock' }]}
      />
      <InventoryTable initialData={list} initialSearch={search} emptyMessage={emptyMessage} />
    </section>
  );
}
