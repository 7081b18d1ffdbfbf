'use client';
// The outbox's columns over the shared admin table: each background job with its event, state, attempts, when it is
// next due and its last error; a dead one can be retried from its row (the outcome shows above the list).
import type { ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { useMemo } from 'react';
import { AdminTable } from '@/components/admin/admin-table';
import { JOB_LIST_DEFAULT_DIR, JOB_LIST_DEFAULT_SORT, type JobListRow } from '@/lib/admin/job-list-query';
import type { ListPage } from '@/lib/core/list-query';
import { formatDateTime } from '@/lib/core/format-date';
import { RetryJobButton } from './retry-job-button';
import { useListNotice } from '@/components/admin/ops/list-notice';
import { JobStatusBadge } from '@/components/admin/ops/status-badges';
import type { Notice } from '@/components/admin/ops/use-admin-action';

const when = (iso: string | null) =>
  iso ? <span className="whitespace-nowrap text-stone-600">{formatDateTime(new Date(iso))}</span> : <span className="text-stone-400">—</span>;

function jobColumns(onNotice: (notice: Notice) => void): ColumnDef<JobListRow, unknown>[] {
  return [
    {
      id: 'event',
      accessorFn: (row) => row.event,
      header: 'Event',
      cell: ({ row }) => (
        <span className="block min-w-40">
          <span className="font-mono text-xs">{row.original.event}</span>
          <span className="block text-xs text-stone-500">
            {row.original.orderId ? (
              <Link href={`/admin/orders/${row.original.orderId}`} className="text-brand-700 underline-offset-2 hover:underline">
                Its order
              </Link>
            ) : null}
            {row.original.orderId ? ' · ' : ''}
            <span className="font-mono">{row.original.id.slice(0, 8)}</span>
          </span>
          <details className="mt-1 text-xs text-stone-600">
            <summary className="cursor-pointer select-none">Payload</summary>
            <pre className="mt-1 max-w-80 overflow-x-auto whitespace-pre-wrap break-all rounded bg-stone-50 p-2 font-mono">
              {JSON.stringify(row.original.payload, null, 2)}
            </pre>
          </details>
        </span>
      ),
    },
    {
      id: 'status',
      accessorFn: (row) => row.status,
      header: 'State',
      cell: ({ row }) => <JobStatusBadge status={row.original.status} />,
    },
    {
      id: 'attempts',
      accessorFn: (row) => row.attempts,
      header: 'Attempts',
      cell: ({ row }) => (
        <span className="whitespace-nowrap tabular-nums">
          {row.original.attempts}
          {row.original.generation > 0 ? (
            <span className="block text-xs text-stone-500">
              retried {row.original.generation} {row.original.generation === 1 ? 'time' : 'times'}
            </span>
          ) : null}
        </span>
      ),
    },
    {
      id: 'next',
      accessorFn: (row) => row.nextAttemptAt,
      header: 'Next attempt',
      cell: ({ row }) => (row.original.status === 'pending' ? when(row.original.nextAttemptAt) : <span className="text-stone-400">—</span>),
    },
    {
      id: 'error',
      header: 'Last error',
      enableSorting: false,
      cell: ({ row }) =>
        row.original.lastError ? (
          <span className="block min-w-48 max-w-72 break-words text-xs text-red-800">
            {row.original.lastError.length > 200 ? `${row.original.lastError.slice(0, 200)}…` : row.original.lastError}
          </span>
        ) : (
          <span className="text-stone-400">—</span>
        ),
    },
    {
      id: 'created',
      accessorFn: (row) => row.createdAt,
      header: 'Created',
      cell: ({ row }) => (
        <span className="block">
          {when(row.original.createdAt)}
          {row.original.processedAt ? <span className="block text-xs text-stone-500">done {formatDateTime(new Date(row.original.processedAt))}</span> : null}
        </span>
      ),
    },
    {
      id: 'actions',
      header: () => <span className="sr-only">Actions</span>,
      enableSorting: false,
      cell: ({ row }) =>
        row.original.status === 'dead' ? <RetryJobButton jobId={row.original.id} label={row.original.event} onNotice={onNotice} inline={false} /> : null,
    },
  ];
}

export function JobsTable({ initialData, initialSearch, emptyMessage }: { initialData: ListPage<JobListRow>; initialSearch: string; emptyMessage: string }) {
  const { notice, show } = useListNotice();
  const columns = useMemo(() => jobColumns(show), [show]);
  return (
    <div className="space-y-3">
      {notice}
      <AdminTable
        endpoint="/api/admin/jobs"
        columns={columns}
        initialData={initialData}
        initialSearch={initialSearch}
        defaultSort={JOB_LIST_DEFAULT_SORT}
        defaultDir={JOB_LIST_DEFAULT_DIR}
        rowKey={(row) => row.id}
        emptyMessage={emptyMessage}
        caption="Background jobs"
      />
    </div>
  );
}
