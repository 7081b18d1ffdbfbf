'use client';
// The orders list's columns over the shared admin table: number (opens the order), customer (named as the CSV names
// them, with email and phone), placed, status (with a flag when a refund needs a person), the newest payment's
// reference and the total with what was refunded. On a phone each row is a card instead of a 980-px-wide table.
import type { ColumnDef } from '@tanstack/react-table';
import { AdminTable, useListParams } from '@/components/admin/admin-table';
import { OrderStatusBadge } from '@/components/orders/order-status-badge';
import type { ListPage } from '@/lib/core/list-query';
import { ORDER_LIST_DEFAULT_DIR, ORDER_LIST_DEFAULT_SORT, type OrderListRow, orderCustomerLabel } from '@/lib/admin/order-list-query';
import { formatDateTime } from '@/lib/core/format-date';
import { formatMoney } from '@/lib/core/money';

const columns: ColumnDef<OrderListRow, unknown>[] = [
  {
    id: 'number',
    accessorFn: (row) => row.number,
    header: 'Order',
    cell: ({ row }) => <span className="whitespace-nowrap">{row.original.number}</span>,
  },
  {
    id: 'customer',
    header: 'Customer',
    enableSorting: false,
    cell: ({ row }) => (
      <span className="block min-w-48 max-md:min-w-0">
        <span className="block font-medium">{orderCustomerLabel(row.original)}</span>
        <span className="block break-all text-stone-700">{row.original.email}</span>
        <span className="block text-xs text-stone-500">
          {row.original.phone}
          {row.original.customerId ? '' : ' · guest checkout'}
        </span>
      </span>
    ),
  },
  {
    id: 'created',
    accessorFn: (row) => row.createdAt,
    header: 'Placed',
    sortDescFirst: true,
    cell: ({ row }) => <span className="whitespace-nowrap text-stone-600">{formatDateTime(new Date(row.original.createdAt))}</span>,
  },
  {
    id: 'status',
    accessorFn: (row) => row.status,
    header: 'Status',
    cell: ({ row }) => (
      <span className="flex flex-col items-start gap-1">
        <OrderStatusBadge status={row.original.status} />
        {row.original.refundAttention ? (
          <span className="inline-flex rounded-full bg-red-50 px-2.5 py-0.5 text-xs font-medium text-red-800 ring-1 ring-inset ring-red-300">
            Refund needs attention
          </span>
        ) : null}
      </span>
    ),
  },
  {
    id: 'reference',
    header: 'Payment reference',
    enableSorting: false,
    cell: ({ row }) =>
      row.original.paymentReference ? (
        <span className="whitespace-nowrap font-mono text-xs">{row.original.paymentReference}</span>
      ) : (
        <span className="text-stone-400">None</span>
      ),
  },
  {
    id: 'total',
    accessorFn: (row) => row.totalAmount,
    header: 'Total',
    sortDescFirst: true,
    cell: ({ row }) => (
      <span className="block whitespace-nowrap tabular-nums">
        {formatMoney({ amount: row.original.totalAmount, currency: row.original.currency })}
        {row.original.refundedAmount > 0 ? (
          <span className="block text-xs text-sky-900">−{formatMoney({ amount: row.original.refundedAmount, currency: row.original.currency })} refunded</span>
        ) : null}
      </span>
    ),
  },
];

const FILTER_KEYS = ['q', 'status', 'refund', 'ship', 'from', 'to'];

/** On a phone each order is a card: number and total on top, the customer across, then placed and status, the reference. */
const PHONE_CARDS = {
  number: { className: 'max-md:order-1', label: false },
  total: { className: 'max-md:order-2 max-md:text-right', label: false },
  customer: { className: 'max-md:order-3 max-md:col-span-2', label: false },
  created: { className: 'max-md:order-4' },
  status: { className: 'max-md:order-5' },
  reference: { className: 'max-md:order-6 max-md:col-span-2' },
};

export function OrdersTable({ initialData, initialSearch }: { initialData: ListPage<OrderListRow>; initialSearch: string }) {
  const { params } = useListParams();
  const filtered = FILTER_KEYS.some((key) => params.get(key));
  return (
    <div data-testid="admin-order-list">
      <AdminTable
        endpoint="/api/admin/orders"
        columns={columns}
        initialData={initialData}
        initialSearch={initialSearch}
        defaultSort={ORDER_LIST_DEFAULT_SORT}
        defaultDir={ORDER_LIST_DEFAULT_DIR}
        rowKey={(row) => row.id}
        rowHref={(row) => `/admin/orders/${row.id}`}
        emptyMessage={
          filtered ? 'No orders match these filters. Try part of the number, the name, the phone, the email or the payment reference.' : 'No orders yet.'
        }
        caption="Orders"
        phoneCards={PHONE_CARDS}
      />
    </div>
  );
}
