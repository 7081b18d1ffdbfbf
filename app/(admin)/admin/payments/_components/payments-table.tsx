'use client';
// The payments list's columns over the shared admin table: every payment attempt with its order, its amount, Paystack's
// reference and transaction, when it was started and paid; an open one (started or pending) can be verified with
// Paystack from its row. The outcome shows above the list, since a verified payment may leave a filtered view.
import type { ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { useMemo } from 'react';
import { AdminTable } from '@/components/admin/admin-table';
import type { ListPage } from '@/lib/core/list-query';
import { OPEN_LIST_STATUSES, PAYMENT_LIST_DEFAULT_DIR, PAYMENT_LIST_DEFAULT_SORT, type PaymentListRow } from '@/lib/admin/payment-list-query';
import { formatDateTime } from '@/lib/core/format-date';
import { formatMoney } from '@/lib/core/money';
import { VerifyPaymentButton } from './verify-payment-button';
import { ResolvePaymentForm } from '@/components/admin/payments/resolve-payment-form';
import { useListNotice } from '@/components/admin/ops/list-notice';
import type { Notice } from '@/components/admin/ops/use-admin-action';
import { PaymentStatusBadge } from '@/components/admin/ops/status-badges';

const when = (iso: string | null) =>
  iso ? <span className="whitespace-nowrap text-stone-600">{formatDateTime(new Date(iso))}</span> : <span className="text-stone-400">—</span>;

function paymentColumns(onNotice: (notice: Notice) => void): ColumnDef<PaymentListRow, unknown>[] {
  return [
    {
      id: 'reference',
      header: 'Reference',
      enableSorting: false,
      cell: ({ row }) => (
        <span className="block min-w-44">
          <span className="break-all font-mono text-xs">{row.original.reference}</span>
          <span className="block text-xs text-stone-500">
            {row.original.gatewayTransactionId ? `Paystack transaction ${row.original.gatewayTransactionId}` : 'No Paystack transaction yet'}
            {row.original.channel ? ` · ${row.original.channel}` : ''}
          </span>
        </span>
      ),
    },
    {
      id: 'order',
      header: 'Order',
      enableSorting: false,
      cell: ({ row }) => (
        <span className="block">
          <Link href={`/admin/orders/${row.original.orderId}`} className="whitespace-nowrap font-medium text-brand-700 underline-offset-2 hover:underline">
            {row.original.orderNumber}
          </Link>
          <span className="block max-w-48 truncate text-xs text-stone-500">{row.original.email}</span>
        </span>
      ),
    },
    {
      id: 'status',
      accessorFn: (row) => row.status,
      header: 'Status',
      cell: ({ row }) => {
        const open = OPEN_LIST_STATUSES.includes(row.original.status);
        return (
          <span className="block space-y-1.5">
            <PaymentStatusBadge status={row.original.status} />
            {row.original.failureReason ? <span className="block max-w-48 text-xs text-stone-600">{row.original.failureReason}</span> : null}
            {open && row.original.expired ? <span className="block text-xs text-stone-500">Link lapsed</span> : null}
            {/* Beside the status it may change; the outcome shows above the list (the row may leave a filtered view). */}
            {open ? <VerifyPaymentButton paymentId={row.original.id} reference={row.original.reference} onNotice={onNotice} inline={false} /> : null}
            {row.original.status === 'needs_review' ? <ResolvePaymentForm paymentId={row.original.id} onNotice={onNotice} /> : null}
          </span>
        );
      },
    },
    {
      id: 'amount',
      accessorFn: (row) => row.amount,
      header: 'Amount',
      cell: ({ row }) => (
        <span className="whitespace-nowrap tabular-nums">{formatMoney({ amount: row.original.amount, currency: row.original.currency })}</span>
      ),
    },
    { id: 'created', accessorFn: (row) => row.createdAt, header: 'Started', cell: ({ row }) => when(row.original.createdAt) },
    { id: 'paid', accessorFn: (row) => row.paidAt, header: 'Paid', cell: ({ row }) => when(row.original.paidAt) },
  ];
}

export function PaymentsTable({
  initialData,
  initialSearch,
  emptyMessage,
}: {
  initialData: ListPage<PaymentListRow>;
  initialSearch: string;
  emptyMessage: string;
}) {
  const { notice, show } = useListNotice();
  const columns = useMemo(() => paymentColumns(show), [show]);
  return (
    <div className="space-y-3">
      {notice}
      <AdminTable
        endpoint="/api/admin/payments"
        columns={columns}
        initialData={initialData}
        initialSearch={initialSearch}
        defaultSort={PAYMENT_LIST_DEFAULT_SORT}
        defaultDir={PAYMENT_LIST_DEFAULT_DIR}
        rowKey={(row) => row.id}
        emptyMessage={emptyMessage}
        caption="Payments"
      />
    </div>
  );
}
