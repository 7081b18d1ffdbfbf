'use client';
// The audit log's columns over the shared admin table: when, who, what (in words, with its code), on which entity
// (linked to its page when it has one), and the change in words — one line per field that moved, amounts formatted,
// ids linked — with the full stored before/after one click away.
import type { ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { AdminTable } from '@/components/admin/admin-table';
import { actionWords, type ChangeLine, type ChangeValue, changeLines } from '@/lib/admin/audit-change';
import { auditActorLabels, type AuditListRow } from '@/lib/admin/audit-list-query';
import type { ListPage } from '@/lib/core/list-query';
import { formatDateTime } from '@/lib/core/format-date';

const SHOWN_LINES = 4;

/** A UUID's first block is enough to tell entries apart; an email or a job's key is shown whole. */
const shortId = (id: string) => (/^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(id) ? id.slice(0, 8) : id);

function actorOf(row: AuditListRow) {
  if (row.actorName) return { name: row.actorName, detail: `${auditActorLabels[row.actorType]} · ${row.actorEmail ?? row.actorId}` };
  return { name: auditActorLabels[row.actorType], detail: row.actorId };
}

function Value({ value }: { value: ChangeValue }) {
  return value.href ? (
    <Link href={value.href} className="text-brand-700 underline underline-offset-2">
      {value.text}
    </Link>
  ) : (
    <span>{value.text}</span>
  );
}

/** "Status: Paid → Partly refunded", with the arrow spoken as "to" and linked values where the console has a page. */
function Line({ line }: { line: ChangeLine }) {
  return (
    <li className="break-words" data-testid="audit-change">
      <span className="font-medium">{line.label}:</span>{' '}
      {line.before !== undefined ? (
        <>
          <Value value={line.before} /> <span aria-hidden="true">→</span>
          <span className="sr-only">to</span>{' '}
        </>
      ) : null}
      {line.after !== undefined ? <Value value={line.after} /> : <span className="text-stone-500">removed</span>}
    </li>
  );
}

function Change({ row }: { row: AuditListRow }) {
  const lines = changeLines(row.before, row.after, { entityType: row.entityType });
  const reason = row.metadata && typeof row.metadata === 'object' ? (row.metadata as Record<string, unknown>).reason : undefined;
  return (
    <div className="min-w-56 max-w-96 text-xs max-md:min-w-0">
      {lines.length === 0 && typeof reason !== 'string' ? <span className="text-stone-400">No fields recorded</span> : null}
      <ul className="space-y-0.5">
        {lines.slice(0, SHOWN_LINES).map((line) => (
          <Line key={line.field} line={line} />
        ))}
      </ul>
      {lines.length > SHOWN_LINES ? <p className="text-stone-500">+{lines.length - SHOWN_LINES} more</p> : null}
      {typeof reason === 'string' ? <p className="mt-1 break-words text-stone-600">{reason}</p> : null}
      <details className="mt-1 text-stone-600">
        <summary className="cursor-pointer select-none">Full entry as stored</summary>
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
    cell: ({ row }) => (
      <span className="block min-w-32">
        {actionWords(row.original.action)}
        <span className="block font-mono text-xs text-stone-500">{row.original.action}</span>
      </span>
    ),
  },
  {
    id: 'entity',
    header: 'Entity',
    enableSorting: false,
    cell: ({ row }) => (
      <span className="block">
        {row.original.entityType.replaceAll('_', ' ')}
        <span className="block break-all font-mono text-xs text-stone-500">
          {row.original.entityHref ? (
            <Link href={row.original.entityHref} className="text-brand-700 underline-offset-2 hover:underline">
              {shortId(row.original.entityId)}
            </Link>
          ) : (
            shortId(row.original.entityId)
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
