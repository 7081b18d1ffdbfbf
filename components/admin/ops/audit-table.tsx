'use client';
// The audit log's columns over the shared admin table: when, who, what, on which entity (linked to its page when it
// has one), and the change compactly — one line per field that moved — with the full before/after one click away.
import type { ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { AdminTable } from '@/components/admin/admin-table';
import { changeLines, describeChange } from '@/lib/admin/audit-change';
import { auditActorLabels, type AuditListRow } from '@/lib/admin/audit-list-query';
import type { ListPage } from '@/lib/core/list-query';
import { formatDateTime } from '@/lib/core/format-date';

const SHOWN_LINES = 4;

function actorOf(row: AuditListRow) {
  if (row.actorName) return { name: row.actorName, detail: `${auditActorLabels[row.actorType]} · ${row.actorEmail ?? row.actorId}` };
  return { name: auditActorLabels[row.actorType], detail: row.actorId };
}

function Change({ row }: { row: AuditListRow }) {
  const lines = changeLines(row.before, row.after);
  const reason = row.metadata && typeof row.metadata === 'object' ? (row.metadata as Record<string, unknown>).reason : undefined;
  return (
    <div className="min-w-56 max-w-96 text-xs">
      {lines.length === 0 && typeof reason !== 'string' ? <span className="text-stone-400">No fields recorded</span> : null}
      <ul className="space-y-0.5">
        {lines.slice(0, SHOWN_LINES).map((line) => (
          <li key={line.field} className="break-words font-mono">
            {describeChange(line)}
          </li>
        ))}
      </ul>
      {lines.length > SHOWN_LINES ? <p className="text-stone-500">+{lines.length - SHOWN_LINES} more</p> : null}
      {typeof reason === 'string' ? <p className="mt-1 break-words text-stone-600">{reason}</p> : null}
      <details className="mt-1 text-stone-600">
        <summary className="cursor-pointer select-none">Full entry</summary>
        <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded bg-stone-50 p-2 font-mono">
          {JSON.stringify({ before: row.before, after: row.after, metadata: row.metadata }, null, 2)}
        </pre>
      </details>
    </div>
  );
}

const columns: ColumnDef<AuditListRow, unknown>[] = [
  {
    id: 'time',
    accessorFn: (row) => row.createdAt,
    header: 'When',
    cell: ({ row }) => <span className="whitespace-nowrap text-stone-600">{formatDateTime(new Date(row.original.createdAt))}</span>,
  },
  {
    id: 'actor',
    header: 'Who',
    enableSorting: false,
    cell: ({ row }) => {
      const actor = actorOf(row.original);
      return (
        <span className="block min-w-32">
          {actor.name}
          {actor.detail ? <span className="block max-w-48 truncate text-xs text-stone-500">{actor.detail}</span> : null}
        </span>
      );
    },
  },
  {
    id: 'action',
    header: 'Action',
    enableSorting: false,
    cell: ({ row }) => <span className="whitespace-nowrap font-mono text-xs">{row.original.action}</span>,
  },
  {
    id: 'entity',
    header: 'Entity',
    enableSorting: false,
    cell: ({ row }) => (
      <span className="block">
        {row.original.entityType.replaceAll('_', ' ')}
        <span className="block font-mono text-xs text-stone-500">
          {row.original.entityHref ? (
            <Link href={row.original.entityHref} className="text-brand-700 underline-offset-2 hover:underline">
              {row.original.entityId.slice(0, 8)}
            </Link>
          ) : (
            row.original.entityId.slice(0, 8)
          )}
        </span>
      </span>
    ),
  },
  { id: 'change', header: 'Change', enableSorting: false, cell: ({ row }) => <Change row={row.original} /> },
];

export function AuditTable({ initialData, initialSearch, emptyMessage }: { initialData: ListPage<AuditListRow>; initialSearch: string; emptyMessage: string }) {
  return (
    <AdminTable
      endpoint="/api/admin/audit"
      columns={columns}
      initialData={initialData}
      initialSearch={initialSearch}
      defaultSort="time"
      defaultDir="desc"
      rowKey={(row) => String(row.id)}
      emptyMessage={emptyMessage}
      caption="Audit log"
    />
  );
}
