'use client';
// The disputes inbox's columns over the shared admin table: status, amount (and what it cost once lost or accepted),
// reason, the deadline with the time left, and the order it concerns.
import type { ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { AdminTable } from '@/components/admin/admin-table';
import { DisputeStatusBadge } from '@/components/admin/dispute-status-badge';
import { DISPUTE_LIST_DEFAULT_DIR, DISPUTE_LIST_DEFAULT_SORT, type DisputeListRow } from '@/lib/admin/dispute-list-query';
import type { ListPage } from '@/lib/core/list-query';
import { formatDateTime } from '@/lib/core/format-date';
import { formatMoney } from '@/lib/core/money';
import { timeLeft } from '@/lib/disputes/dispute-rules';

const OPEN = ['awaiting_merchant_feedback', 'awaiting_bank_feedback', 'pending'];

const columns: ColumnDef<DisputeListRow, unknown>[] = [
  {
    id: 'status',
    accessorFn: (row) => row.status,
    header: 'Status',
    cell: ({ row }) => (
      <span className="block space-y-1">
        <Link href={`/admin/disputes/${row.original.id}`} className="block font-medium text-brand-700 underline-offset-2 hover:underline">
          Dispute {row.original.gatewayDisputeId}
        </Link>
        <DisputeStatusBadge status={row.original.status} />
        {row.original.answer ? (
          <span className="block text-xs text-stone-500">{row.original.answer === 'accept' ? 'Accepted' : 'Declined'} by the shop</span>
        ) : null}
      </span>
    ),
  },
  {
    id: 'amount',
    accessorFn: (row) => row.amount,
    header: 'Amount',
    cell: ({ row }) => (
      <span className="block whitespace-nowrap tabular-nums">
        {formatMoney({ amount: row.original.amount, currency: row.original.currency })}
        {row.original.lossAmount > 0 ? (
          <span className="block text-xs text-red-700">−{formatMoney({ amount: row.original.lossAmount, currency: row.original.currency })} lost</span>
        ) : null}
      </span>
    ),
  },
  {
    id: 'reason',
    header: 'Reason',
    enableSorting: false,
    cell: ({ row }) => (
      <span className="block max-w-64">
        <span className="block font-medium capitalize">{row.original.category ?? 'Not given'}</span>
        {row.original.reason ? <span className="block truncate text-xs text-stone-500">{row.original.reason}</span> : null}
      </span>
    ),
  },
  {
    id: 'due',
    accessorFn: (row) => row.dueAt,
    header: 'Answer by',
    cell: ({ row }) => {
      const { dueAt, status } = row.original;
      if (!dueAt) return <span className="text-stone-400">—</span>;
      const left = timeLeft(new Date(dueAt), new Date());
      const open = OPEN.includes(status);
      return (
        <span className="block whitespace-nowrap">
          <span className="block text-stone-700">{formatDateTime(new Date(dueAt))}</span>
          {open ? (
            <span
              className={`block text-xs ${left.overdue || (left.withinHours ?? 99) <= 48 ? 'font-medium text-amber-800' : 'text-stone-500'}`}
              data-testid="time-left"
            >
              {left.label}
            </span>
          ) : null}
        </span>
      );
    },
  },
  {
    id: 'order',
    header: 'Order',
    enableSorting: false,
    cell: ({ row }) =>
      row.original.orderId ? (
        <Link href={`/admin/orders/${row.original.orderId}`} className="whitespace-nowrap font-medium text-brand-700 underline-offset-2 hover:underline">
          {row.original.orderNumber}
        </Link>
      ) : (
        <span className="break-all font-mono text-xs text-stone-500">{row.original.transactionReference}</span>
      ),
  },
  {
    id: 'created',
    accessorFn: (row) => row.createdAt,
    header: 'Opened',
    cell: ({ row }) => <span className="whitespace-nowrap text-stone-600">{formatDateTime(new Date(row.original.createdAt))}</span>,
  },
];

export function DisputesTable({
  initialData,
  initialSearch,
  emptyMessage,
}: {
  initialData: ListPage<DisputeListRow>;
  initialSearch: string;
  emptyMessage: string;
}) {
  return (
    <AdminTable
      endpoint="/api/admin/disputes"
      columns={columns}
      initialData={initialData}
      initialSearch={initialSearch}
      defaultSort={DISPUTE_LIST_DEFAULT_SORT}
      defaultDir={DISPUTE_LIST_DEFAULT_DIR}
      rowKey={(row) => row.id}
      emptyMessage={emptyMessage}
      caption="Disputes"
    />
  );
}
