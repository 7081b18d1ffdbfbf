'use client';
// The products list's columns over the shared admin table: picture, title and address, status, category, price range,
// variants on sale and units available; each row opens the edit page.
import type { ColumnDef } from '@tanstack/react-table';
import { AdminTable } from '@/components/admin/admin-table';
import type { ProductListRow } from '@/db/queries/admin-products';
import type { ListPage } from '@/lib/core/list-query';
import { formatMoney } from '@/lib/core/money';
import { ProductStatusBadge } from './product-status-badge';

const updated = new Intl.DateTimeFormat('en-NG', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Africa/Lagos' });
const naira = (amount: number) => formatMoney({ amount, currency: 'NGN' });

const columns: ColumnDef<ProductListRow, unknown>[] = [
  {
    id: 'title',
    accessorFn: (row) => row.title,
    header: 'Product',
    cell: ({ row }) => (
      <span className="flex min-w-48 items-center gap-3">
        {row.original.imageUrl ? (
          <img src={row.original.imageUrl} alt="" width={40} height={40} className="h-10 w-10 flex-none rounded-md border border-stone-200 object-cover" />
        ) : (
          <span className="h-10 w-10 flex-none rounded-md border border-dashed border-stone-300" />
        )}
        <span>
          {row.original.title}
          <span className="block font-mono text-xs font-normal text-stone-500">/{row.original.slug}</span>
        </span>
      </span>
    ),
  },
  { id: 'status', accessorFn: (row) => row.status, header: 'Status', cell: ({ row }) => <ProductStatusBadge status={row.original.status} /> },
  { id: 'category', accessorFn: (row) => row.categoryName, header: 'Category', cell: ({ row }) => row.original.categoryName },
  {
    id: 'price',
    accessorFn: (row) => row.fromPriceAmount,
    header: 'Price',
    cell: ({ row }) => {
      const { fromPriceAmount: from, toPriceAmount: to } = row.original;
      if (from === null || to === null) return <span className="text-stone-400">No variant on sale</span>;
      return <span className="whitespace-nowrap tabular-nums">{from === to ? naira(from) : `${naira(from)} – ${naira(to)}`}</span>;
    },
  },
  {
    id: 'available',
    accessorFn: (row) => row.available,
    header: 'Available',
    cell: ({ row }) => (
      <span className="whitespace-nowrap tabular-nums">
        {row.original.available.toLocaleString('en-NG')}
        <span className="block text-xs text-stone-500">
          {row.original.variants} {row.original.variants === 1 ? 'variant' : 'variants'}
        </span>
      </span>
    ),
  },
  {
    id: 'updated',
    accessorFn: (row) => row.updatedAt,
    header: 'Updated',
    cell: ({ row }) => <span className="whitespace-nowrap text-stone-600">{updated.format(new Date(row.original.updatedAt))}</span>,
  },
];

export function ProductsTable(props: { initialData: ListPage<ProductListRow>; initialSearch: string; emptyMessage: string }) {
  return (
    <AdminTable
      endpoint="/api/admin/products"
      columns={columns}
      initialData={props.initialData}
      initialSearch={props.initialSearch}
      defaultSort="updated"
      defaultDir="desc"
      rowKey={(row) => row.id}
      rowHref={(row) => `/admin/products/${row.id}`}
      emptyMessage={props.emptyMessage}
      caption="Products"
    />
  );
}
