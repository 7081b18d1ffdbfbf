'use client';
// Search box and filter tabs of a catalogue list (inventory, products). Both live in the URL through useListParams, so
// a filtered view is shareable and the back button undoes a change; the table refetches from the new URL.
import { type FormEvent, useEffect, useState } from 'react';
import { useListParams } from '@/components/admin/admin-table';

export interface FilterTab {
  label: string;
  /** Value of the `param` query parameter; undefined for "all". */
  value?: string;
}

interface ListToolbarProps {
  /** Names the search landmark ("Find variants"), apart from the shop header's own search. */
  name?: string;
  searchLabel: string;
  placeholder: string;
  /** The query parameter the tabs set (e.g. `filter`, `status`). */
  param: string;
  tabs: FilterTab[];
}

export function ListToolbar({ name = 'Filter the list', searchLabel, placeholder, param, tabs }: ListToolbarProps) {
  const { params, set } = useListParams();
  const current = params.get('q') ?? '';
  const [text, setText] = useState(current);
  // Back/forward changes the URL under the box: show what the list is filtered by.
  useEffect(() => setText(current), [current]);
  const active = params.get(param) ?? undefined;

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    set({ q: text.trim() || null });
  }

  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <search aria-label={name} className="min-w-64 flex-1">
        <form onSubmit={search} className="flex items-end gap-2">
          <div className="flex-1">
            <label htmlFor="list-q" className="block text-sm font-medium text-stone-800">
              {searchLabel}
            </label>
            <input
              id="list-q"
              type="search"
              value={text}
              onChange={(event) => setText(event.target.value)}
              placeholder={placeholder}
              className="mt-1 block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 shadow-sm focus:border-brand-600"
            />
          </div>
          <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-600">
            Search
          </button>
          {current ? (
            <button type="button" onClick={() => set({ q: null })} className="py-2 text-sm font-medium text-brand-700 underline underline-offset-2">
              Clear
            </button>
          ) : null}
        </form>
      </search>
      <fieldset className="flex rounded-lg border border-stone-300 bg-white p-0.5 text-sm">
        <legend className="sr-only">Show</legend>
        {tabs.map((tab) => {
          const pressed = active === tab.value;
          return (
            <button
              key={tab.label}
              type="button"
              aria-pressed={pressed}
              onClick={() => set({ [param]: tab.value ?? null })}
              className={`rounded-md px-3 py-1.5 font-medium ${pressed ? 'bg-stone-900 text-white' : 'text-stone-700 hover:bg-stone-100'}`}
            >
              {tab.label}
            </button>
          );
        })}
      </fieldset>
    </div>
  );
}
