'use client';
// The inventory list's columns over the shared admin table: one row per variant with what is on the shelf, what unpaid
// orders hold and what a shopper can still buy, flagged when availability is at or below the variant's threshold.
import type { ColumnDef } from '@tanstack/react-table';
import { AdminTable } from '@/components/admin/admin-table';
import type { InventoryRow } from '@/db/queries/admin-inventory';
import type { ListPage } from '@/lib/core/list-query';

const expiry = new Intl.DateTimeFormat('en-NG', { timeStyle: 'short', timeZone: 'Africa/Lagos' });

const number = (value: number) => <span className="tabular-nums">{value.toLocaleString('en-NG')}</span>;

const columns: ColumnDef<InventoryRow, unknown>[] = [
  {
    id: 'product',
    accessorFn: (row) => row.productTitle,
    header: 'Product',
    cell: ({ row }) => (
      <span className="block min-w-40">
        {row.original.productTitle}
        <span className="block text-xs font-normal text-stone-500">
          {row.original.variantTitle}
          {row.original.productStatus !== 'active' ? ` · ${row.original.productStatus}` : ''}
          {row.original.archived ? ' · variant archived' : ''}
        </span>
      </span>
    ),
  },
  {
    id: 'sku',
    accessorFn: (row) => row.sku,
    header: 'SKU',
    cell: ({ row }) => <span className="whitespace-nowrap font-mono text-xs">{row.original.sku}</span>,
  },
  { id: 'onHand', accessorFn: (row) => row.stockOnHand, header: 'On hand', cell: ({ row }) => number(row.original.stockOnHand) },
  { id: 'reserved', accessorFn: (row) => row.reserved, header: 'Reserved', cell: ({ row }) => number(row.original.reserved) },
  {
    id: 'available',
    accessorFn: (row) => row.available,
    header: 'Available',
    cell: ({ row }) => {
      // Computed by the query from the Low stock filter's own condition (lowStockCondition).
      const low = row.original.low;
      return (
        <span className={`inline-flex items-center gap-1.5 whitespace-nowrap ${low ? 'font-semibold text-red-800' : ''}`}>
          {number(row.original.available)}
          {low ? <span className="rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800 ring-1 ring-inset ring-red-300">Low</span> : null}
        </span>
      );
    },
  },
  { id: 'threshold', accessorFn: (row) => row.lowStockThreshold, header: 'Threshold', cell: ({ row }) => number(row.original.lowStockThreshold) },
  {
    id: 'holds',
    header: 'Active holds',
    enableSorting: false,
    cell: ({ row }) =>
      row.original.holds === 0 ? (
        <span className="text-stone-400">None</span>
      ) : (
        <span className="whitespace-nowrap">
          {row.original.holds} {row.original.holds === 1 ? 'order' : 'orders'}
          {row.original.nextExpiry ? <span className="block text-xs text-stone-500">next ends {expiry.format(new Date(row.original.nextExpiry))}</span> : null}
        </span>
      ),
  },
];

export function InventoryTable(props: { initialData: ListPage<InventoryRow>; initialSearch: string; emptyMessage: string }) {
  return (
    <AdminTable
      endpoint="/api/admin/inventory"
      columns={columns}
      initialData={props.initialData}
      initialSearch={props.initialSearch}
      defaultSort="product"
      defaultDir="asc"
      rowKey={(row) => row.variantId}
      rowHref={(row) => `/admin/inventory/${row.variantId}`}
      emptyMessage={props.emptyMessage}
      caption="Stock per variant"
    />
  );
}
