'use client';
// Every admin list: TanStack Table in manual mode over a server-paginated, server-sorted JSON route, with the query in
// the URL (shareable, back-button safe) and react-query fetching each page (the server-rendered first page is its
// initial data, so the first paint needs no request). Columns are defined per list in a client module.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ColumnDef, flexRender, getCoreRowModel, type SortingState, useReactTable } from '@tanstack/react-table';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { type ListPage, PAGE_SIZES } from '@/lib/core/list-query';

/** How a change reaches the history: `replace` (the default) rewrites the current entry, `push` adds one for Back. */
export interface SetListParamsOptions {
  history?: 'push' | 'replace';
}

/** The list's URL query, and a way to change it (page goes back to 1 unless it is what changes). */
export function useListParams() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const set = useCallback(
    (patch: Record<string, string | number | null | undefined>, options: SetListParamsOptions = {}) => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [key, value] of Object.entries(patch)) {
        if (value === null || value === undefined || value === '') next.delete(key);
        else next.set(key, String(value));
      }
      if (!('page' in patch)) next.delete('page');
      const query = next.toString();
      const href = query ? `${pathname}?${query}` : pathname;
      if (options.history === 'push') router.push(href, { scroll: false });
      else router.replace(href, { scroll: false });
    },
    [pathname, router, searchParams],
  );
  return { params: searchParams, set };
}

interface AdminTableProps<T> {
  /** The JSON route that answers ListPage<T> for the same query string as the page. */
  endpoint: string;
  columns: ColumnDef<T, unknown>[];
  /** The server-rendered first page, for the query the page was rendered with. */
  initialData: ListPage<T>;
  initialSearch: string;
  defaultSort: string;
  defaultDir: 'asc' | 'desc';
  rowKey: (row: T) => string;
  rowHref?: (row: T) => string;
  emptyMessage: string;
  caption: string;
  /**
   * Phone layout (below the `md` breakpoint): each row becomes a card — a two-column grid of its cells, each under its
   * header's words — instead of a table wider than the screen. Per column id, the grid classes of that cell on a phone
   * (`max-md:col-span-2`, `max-md:order-2 max-md:text-right`, …); `label: false` leaves the header's words out.
   * Without it the table scrolls sideways as before.
   */
  phoneCards?: Record<string, { className?: string; label?: boolean }>;
}

const CARD = {
  table: 'max-md:block',
  head: 'max-md:sr-only',
  body: 'max-md:block',
  row: 'max-md:grid max-md:grid-cols-2 max-md:gap-x-4 max-md:gap-y-2 max-md:px-4 max-md:py-3',
  cell: 'max-md:block max-md:p-0 max-md:min-w-0',
  label:
    'max-md:before:block max-md:before:text-xs max-md:before:uppercase max-md:before:tracking-wide max-md:before:text-stone-500 max-md:before:content-[attr(data-label)]',
};

export function AdminTable<T>(props: AdminTableProps<T>) {
  const { params, set } = useListParams();
  const search = params.toString();
  const cards = props.phoneCards;
  const cardCell = (columnId: string, header: unknown) => {
    if (!cards) return '';
    const spec = cards[columnId];
    return `${CARD.cell} ${spec?.className ?? ''} ${spec?.label !== false && typeof header === 'string' ? CARD.label : ''}`;
  };
  // The header's words shown above the value on a phone (CSS generated content from data-label; the table's own header
  // row stays for screen readers).
  const cardLabel = (columnId: string, header: unknown) =>
    cards && cards[columnId]?.label !== false && typeof header === 'string' ? { 'data-label': header } : {};
  const { data, isFetching, isError, refetch } = useQuery({
    queryKey: ['admin-list', props.endpoint, search],
    queryFn: async (): Promise<ListPage<T>> => {
      const response = await fetch(`${props.endpoint}?${search}`, { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`The list could not be loaded (${response.status}).`);
      return (await response.json()) as ListPage<T>;
    },
    initialData: search === props.initialSearch ? props.initialData : undefined,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const page = data ?? props.initialData;
  const sorting: SortingState = useMemo(
    () => [{ id: params.get('sort') ?? props.defaultSort, desc: (params.get('dir') ?? props.defaultDir) === 'desc' }],
    [params, props.defaultSort, props.defaultDir],
  );

  const table = useReactTable({
    data: page.rows,
    columns: props.columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    // The URL always names a sort: a click cycles asc ⇄ desc. (With removal on, a column whose first direction is not
    // the current one would answer a click with "no sort", which the URL cannot express: the header would do nothing.)
    enableSortingRemoval: false,
    manualPagination: true,
    pageCount: page.pageCount,
    state: { sorting },
    onSortingChange: (updater) => {
      const [next] = typeof updater === 'function' ? updater(sorting) : updater;
      if (next) set({ sort: next.id, dir: next.desc ? 'desc' : 'asc' });
    },
    getRowId: props.rowKey,
  });

  return (
    <div className="space-y-3">
      <div className="relative overflow-x-auto rounded-xl border border-stone-200 bg-white" aria-busy={isFetching}>
        <table className={`w-full text-left text-sm ${cards ? CARD.table : ''}`}>
          <caption className="sr-only">{props.caption}</caption>
          <thead className={`border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-500 ${cards ? CARD.head : ''}`}>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className="px-4 py-3 font-medium"
                      aria-sort={sorted ? (sorted === 'desc' ? 'descending' : 'ascending') : undefined}
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className="inline-flex items-center gap-1 uppercase hover:text-stone-900"
                        >
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span aria-hidden="true">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className={`divide-y divide-stone-100 ${cards ? CARD.body : ''}`}>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className={`hover:bg-stone-50 ${cards ? CARD.row : ''}`}>
                {row.getVisibleCells().map((cell, index) => (
                  <td
                    key={cell.id}
                    className={`px-4 py-3 align-top ${cardCell(cell.column.id, cell.column.columnDef.header)}`}
                    {...cardLabel(cell.column.id, cell.column.columnDef.header)}
                  >
                    {index === 0 && props.rowHref ? (
                      <Link href={props.rowHref(row.original)} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </Link>
                    ) : (
                      flexRender(cell.column.columnDef.cell, cell.getContext())
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {page.rows.length === 0 ? <p className="px-4 py-10 text-center text-stone-500">{props.emptyMessage}</p> : null}
        {isFetching ? <div className="absolute inset-x-0 top-0 h-0.5 animate-pulse bg-brand-600" /> : null}
      </div>
      {isError ? (
        <p role="alert" className="text-sm text-red-800">
          The list could not be refreshed.{' '}
          <button type="button" className="underline" onClick={() => void refetch()}>
            Try again
          </button>
        </p>
      ) : null}
      <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm text-stone-600">
        <p>
          {page.total.toLocaleString('en-NG')} {page.total === 1 ? 'result' : 'results'} · page {page.page} of {page.pageCount}
        </p>
        <div className="flex items-center gap-2">
          <label className="flex items-center gap-2">
            Per page
            <select
              className="rounded-lg border border-stone-300 bg-white px-2 py-1"
              value={page.pageSize}
              onChange={(event) => set({ pageSize: event.target.value })}
            >
              {PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="rounded-lg border border-stone-300 bg-white px-3 py-1 disabled:opacity-50"
            disabled={page.page <= 1}
            onClick={() => set({ page: page.page - 1 })}
          >
            Previous
          </button>
          <button
            type="button"
            className="rounded-lg border border-stone-300 bg-white px-3 py-1 disabled:opacity-50"
            disabled={page.page >= page.pageCount}
            onClick={() => set({ page: page.page + 1 })}
          >
            Next
          </button>
        </div>
      </nav>
    </div>
  );
}
