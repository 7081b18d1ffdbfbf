'use client';
// The orders list's filter bar: search (as you type, after a short pause, or at once with Enter or "Find orders"),
// status, refund state and placed-between days, all in the URL. Each change is a new history entry, so the back button returns to the previous filter; the
// table refetches from the URL. "Download CSV" exports exactly what is filtered, in the list's order.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useListParams } from '@/components/admin/admin-table';
import { ORDER_STATUS_VALUES, REFUND_FILTERS, refundFilterLabels, SHIP_FILTERS, shipFilterLabels } from '@/lib/admin/order-list-query';
import { orderStatusLabels } from '@/lib/orders/shopper-order-state';

const SEARCH_PAUSE_MS = 400;
const FILTER_KEYS = ['q', 'status', 'refund', 'ship', 'from', 'to'] as const;

const control = 'mt-1 block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600';
const label = 'block text-sm font-medium text-stone-800';

export function OrderFilters() {
  const { params, set } = useListParams();
  const current = params.get('q') ?? '';
  const [text, setText] = useState(current);
  // What this box last put in the URL: a URL change that is not ours (back, forward, a tile's link) refills the box.
  const mine = useRef(current);
  useEffect(() => {
    if (current !== mine.current) {
      mine.current = current;
      setText(current);
    }
  }, [current]);

  // Search as you type, once typing pauses.
  useEffect(() => {
    const wanted = text.trim();
    if (wanted === mine.current) return;
    const timer = setTimeout(() => {
      mine.current = wanted;
      set({ q: wanted || null }, { history: 'push' });
    }, SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, set]);

  function searchNow(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const wanted = text.trim();
    if (wanted === mine.current) return;
    mine.current = wanted;
    set({ q: wanted || null }, { history: 'push' });
  }

  const filtered = FILTER_KEYS.some((key) => params.get(key));
  const exportQuery = new URLSearchParams(params.toString());
  exportQuery.delete('page');
  exportQuery.delete('pageSize');
  const exportHref = `/api/admin/orders/export.csv${exportQuery.size > 0 ? `?${exportQuery}` : ''}`;

  return (
    <search aria-label="Find orders" className="block rounded-xl border border-stone-200 bg-white p-4">
      <form onSubmit={searchNow} className="space-y-3">
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-0 flex-1 basis-64">
            <label htmlFor="orders-q" className={label}>
              Order number, name, phone, email or payment reference
            </label>
            <input
              id="orders-q"
              type="search"
              value={text}
              onChange={(event) => setText(event.target.value)}
              placeholder="SO-100042, Ada Obi, 0803 123 4567…"
              autoComplete="off"
              className={control}
            />
          </div>
          <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-600">
            Find orders
          </button>
          <a
            href={exportHref}
            download
            className="rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm font-medium text-stone-800 shadow-sm hover:bg-stone-50"
          >
            Download CSV
          </a>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <div className="w-full sm:w-44">
            <label htmlFor="orders-status" className={label}>
              Status
            </label>
            <select
              id="orders-status"
              value={params.get('status') ?? ''}
              onChange={(event) => set({ status: event.target.value || null }, { history: 'push' })}
              className={control}
            >
              <option value="">Any status</option>
              {ORDER_STATUS_VALUES.map((value) => (
                <option key={value} value={value}>
                  {orderStatusLabels[value]}
                </option>
              ))}
            </select>
          </div>
          <div className="w-full sm:w-64">
            <label htmlFor="orders-refund" className={label}>
              Refunds
            </label>
            <select
              id="orders-refund"
              value={params.get('refund') ?? ''}
              onChange={(event) => set({ refund: event.target.value || null }, { history: 'push' })}
              className={control}
            >
              <option value="">Any</option>
              {REFUND_FILTERS.map((value) => (
                <option key={value} value={value}>
                  {refundFilterLabels[value]}
                </option>
              ))}
            </select>
          </div>
          <div className="w-full sm:w-40">
            <label htmlFor="orders-ship" className={label}>
              Shipping
            </label>
            <select
              id="orders-ship"
              value={params.get('ship') ?? ''}
              onChange={(event) => set({ ship: event.target.value || null }, { history: 'push' })}
              className={control}
            >
              <option value="">Any</option>
              {SHIP_FILTERS.map((value) => (
                <option key={value} value={value}>
                  {shipFilterLabels[value]}
                </option>
              ))}
            </select>
          </div>
          <div className="w-[calc(50%-0.375rem)] sm:w-40">
            <label htmlFor="orders-from" className={label}>
              Placed from
            </label>
            <input
              id="orders-from"
              type="date"
              value={params.get('from') ?? ''}
              max={params.get('to') ?? undefined}
              onChange={(event) => set({ from: event.target.value || null }, { history: 'push' })}
              className={control}
            />
          </div>
          <div className="w-[calc(50%-0.375rem)] sm:w-40">
            <label htmlFor="orders-to" className={label}>
              Placed to
            </label>
            <input
              id="orders-to"
              type="date"
              value={params.get('to') ?? ''}
              min={params.get('from') ?? undefined}
              onChange={(event) => set({ to: event.target.value || null }, { history: 'push' })}
              className={control}
            />
          </div>
          {filtered ? (
            <button
              type="button"
              onClick={() => {
                mine.current = '';
                setText('');
                set({ q: null, status: null, refund: null, from: null, to: null }, { history: 'push' });
              }}
              className="py-2 text-sm font-medium text-brand-700 underline underline-offset-2"
            >
              Clear filters
            </button>
          ) : null}
        </div>
      </form>
    </search>
  );
}
