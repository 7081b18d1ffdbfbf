'use client';
// The webhook inbox's columns over the shared admin table: every stored Paystack event with its type, key, when it
// arrived, its outcome or last error and how many attempts it took; each row opens the event (its masked body). A
// failed or ignored event can be replayed from its row; the outcome shows above the list.
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { AdminTable } from '@/components/admin/admin-table';
import type { ListPage } from '@/lib/core/list-query';
import {
  canReplay,
  inboxProgressWords,
  signatureWords,
  webhookShownState,
  WEBHOOK_LIST_DEFAULT_DIR,
  WEBHOOK_LIST_DEFAULT_SORT,
  type WebhookListRow,
} from '@/lib/admin/webhook-list-query';
import { formatDateTime } from '@/lib/core/format-date';
import { ReplayEventButton } from './replay-event-button';
import { useListNotice } from '@/components/admin/ops/list-notice';
import { WebhookStatusBadge } from '@/components/admin/ops/status-badges';
import type { Notice } from '@/components/admin/ops/use-admin-action';

function webhookColumns(onNotice: (notice: Notice) => void): ColumnDef<WebhookListRow, unknown>[] {
  return [
    {
      id: 'type',
      accessorFn: (row) => row.type,
      header: 'Event',
      cell: ({ row }) => (
        <span className="block min-w-36">
          {row.original.type}
          <span className="block text-xs font-normal text-stone-500">{signatureWords(row.original)}</span>
        </span>
      ),
    },
    {
      id: 'key',
      header: 'Key',
      enableSorting: false,
      cell: ({ row }) => (
        <span className="block min-w-52 max-w-64">
          <span className="break-all font-mono text-xs">{row.original.eventKey}</span>
          {row.original.reference ? <span className="block break-all font-mono text-xs text-stone-500">{row.original.reference}</span> : null}
        </span>
      ),
    },
    {
      id: 'received',
      accessorFn: (row) => row.receivedAt,
      header: 'Received',
      cell: ({ row }) => <span className="whitespace-nowrap text-stone-600">{formatDateTime(new Date(row.original.receivedAt))}</span>,
    },
    {
      id: 'status',
      accessorFn: (row) => row.status,
      header: 'Outcome',
      cell: ({ row }) => (
        <span className="block space-y-1">
          <WebhookStatusBadge status={webhookShownState(row.original)} />
          {row.original.outcome ? (
            <span className={`block min-w-40 max-w-72 break-words text-xs ${row.original.status === 'failed' ? 'text-red-800' : 'text-stone-600'}`}>
              {row.original.outcome.length > 160 ? `${row.original.outcome.slice(0, 160)}…` : row.original.outcome}
            </span>
          ) : null}
          {inboxProgressWords(row.original, formatDateTime) ? (
            <span className="block text-xs text-stone-600" data-testid="webhook-inbox-progress">
              {inboxProgressWords(row.original, formatDateTime)}
            </span>
          ) : null}
        </span>
      ),
    },
    { id: 'attempts', accessorFn: (row) => row.attempts, header: 'Attempts', cell: ({ row }) => <span className="tabular-nums">{row.original.attempts}</span> },
    {
      id: 'actions',
      header: () => <span className="sr-only">Actions</span>,
      enableSorting: false,
      cell: ({ row }) =>
        canReplay(row.original) ? <ReplayEventButton eventId={row.original.id} label={row.original.eventKey} onNotice={onNotice} inline={false} /> : null,
    },
  ];
}

export function WebhooksTable({
  initialData,
  initialSearch,
  emptyMessage,
}: {
  initialData: ListPage<WebhookListRow>;
  initialSearch: string;
  emptyMessage: string;
}) {
  const { notice, show } = useListNotice();
  const columns = useMemo(() => webhookColumns(show), [show]);
  return (
    <div className="space-y-3">
      {notice}
      <AdminTable
        endpoint="/api/admin/webhooks"
        columns={columns}
        initialData={initialData}
        initialSearch={initialSearch}
        defaultSort={WEBHOOK_LIST_DEFAULT_SORT}
        defaultDir={WEBHOOK_LIST_DEFAULT_DIR}
        rowKey={(row) => row.id}
        rowHref={(row) => `/admin/webhooks/${row.id}`}
        emptyMessage={emptyMessage}
        caption="Webhook events"
      />
    </div>
  );
}
