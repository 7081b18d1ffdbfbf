'use client';
// The customers list's columns over the shared admin table: name (opens the account, or the guest's page), email, role
// (or Guest), since (joined, or a guest's first order), orders and lifetime value (paid orders minus refunds, per currency).
import type { ColumnDef } from '@tanstack/react-table';
import { AdminTable, useListParams } from '@/components/admin/admin-table';
import { CUSTOMER_LIST_DEFAULT_DIR, CUSTOMER_LIST_DEFAULT_SORT, type CustomerListRow, customerHref } from '@/lib/admin/customer-list-query';
import type { ListPage } from '@/lib/core/list-query';
import { formatDate } from '@/lib/core/format-date';
import { formatMoney } from '@/lib/core/money';

const columns: ColumnDef<CustomerListRow, unknown>[] = [
  { id: 'name', accessorFn: (row) => row.name, header: 'Name', cell: ({ row }) => <span className="block min-w-32">{row.original.name}</span> },
  { id: 'email', accessorFn: (row) => row.email, header: 'Email', cell: ({ row }) => <span className="break-all">{row.original.email}</span> },
  {
    id: 'role',
    header: 'Role',
    enableSorting: false,
    cell: ({ row }) =>
      row.original.role === 'admin' ? (
        <span className="inline-flex rounded-full bg-stone-900 px-2.5 py-0.5 text-xs font-medium text-white">Admin</span>
      ) : row.original.role === 'guest' ? (
        <span className="inline-flex rounded-full bg-stone-100 px-2.5 py-0.5 text-xs font-medium text-stone-700 ring-1 ring-inset ring-stone-300">Guest</span>
      ) : (
        <span className="text-stone-600">Customer</span>
      ),
  },
  {
    id: 'joined',
    accessorFn: (row) => row.joinedAt,
    header: 'Since',
    sortDescFirst: true,
    cell: ({ row }) => <span className="whitespace-nowrap text-stone-600">{formatDate(new Date(row.original.joinedAt))}</span>,
  },
  {
    id: 'orders',
    accessorFn: (row) => row.orders,
    header: 'Orders',
    cell: ({ row }) => (
      <span className="whitespace-nowrap tabular-nums">
        {row.original.orders}
        {row.original.lastOrderAt ? <span className="block text-xs text-stone-500">last {formatDate(new Date(row.original.lastOrderAt))}</span> : null}
      </span>
    ),
  },
  {
    id: 'value',
    accessorFn: (row) => row.lifetimeValue[0]?.amount ?? 0,
    header: 'Lifetime value',
    sortDescFirst: true,
    cell: ({ row }) =>
      row.original.lifetimeValue.length === 0 ? (
        <span className="text-stone-400">—</span>
      ) : (
        <span className="block whitespace-nowrap tabular-nums">
          {row.original.lifetimeValue.map((value) => (
            <span key={value.currency} className="block">
              {formatMoney(value)}
            </span>
          ))}
        </span>
      ),
  },
];

export function CustomersTable({ initialData, initialSearch }: { initialData: ListPage<CustomerListRow>; initialSearch: string }) {
  const { params } = useListParams();
  const filtered = Boolean(params.get('q') || params.get('role'));
  return (
    <div data-testid="admin-customer-list">
      <AdminTable
        endpoint="/api/admin/customers"
        columns={columns}
        initialData={initialData}
        initialSearch={initialSearch}
        defaultSort={CUSTOMER_LIST_DEFAULT_SORT}
        defaultDir={CUSTOMER_LIST_DEFAULT_DIR}
        rowKey={(row) => row.id ?? `guest:${row.email}`}
        rowHref={customerHref}
        emptyMessage={filtered ? 'No customer matches. Try part of the name or the email.' : 'No customers yet.'}
        caption="Customers"
      />
    </div>
  );
}
