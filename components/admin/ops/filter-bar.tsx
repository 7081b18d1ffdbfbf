'use client';
// The filters of an operations list (payments, webhook inbox, jobs, audit log), kept in the URL through useListParams so
// a filtered view is shareable and the back button undoes a change. Choices (selects, dates) apply at once; typed text
// applies on submit. The table refetches from the new URL.
import { type FormEvent, useEffect, useState } from 'react';
import { useListParams } from '@/components/admin/admin-table';

export type FilterField =
  | { kind: 'text'; param: string; label: string; placeholder?: string }
  | { kind: 'select'; param: string; label: string; anyLabel: string; options: ReadonlyArray<{ value: string; label: string }> }
  | { kind: 'date'; param: string; label: string };

const control = 'mt-1 block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600';

export function FilterBar({ label, fields }: { label: string; fields: readonly FilterField[] }) {
  const { params, set } = useListParams();
  const textFields = fields.filter((field) => field.kind === 'text');
  const current = Object.fromEntries(textFields.map((field) => [field.param, params.get(field.param) ?? '']));
  const currentKey = JSON.stringify(current);
  const [texts, setTexts] = useState<Record<string, string>>(current);
  // Back/forward changes the URL under the boxes: show what the list is filtered by.
  useEffect(() => setTexts(JSON.parse(currentKey) as Record<string, string>), [currentKey]);
  const active = fields.some((field) => params.get(field.param));

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    set(Object.fromEntries(textFields.map((field) => [field.param, texts[field.param]?.trim() || null])));
  }

  return (
    <search aria-label={label}>
      <form onSubmit={apply} className="flex flex-wrap items-end gap-3 rounded-xl border border-stone-200 bg-white p-4">
        {fields.map((field) => {
          const id = `filter-${field.param}`;
          return (
            <div key={field.param} className={field.kind === 'text' ? 'min-w-52 flex-1' : 'min-w-36'}>
              <label htmlFor={id} className="block text-sm font-medium text-stone-800">
                {field.label}
              </label>
              {field.kind === 'text' ? (
                <input
                  id={id}
                  type="search"
                  value={texts[field.param] ?? ''}
                  onChange={(event) => setTexts((before) => ({ ...before, [field.param]: event.target.value }))}
                  placeholder={field.placeholder}
                  className={control}
                />
              ) : field.kind === 'select' ? (
                <select
                  id={id}
                  value={params.get(field.param) ?? ''}
                  onChange={(event) => set({ [field.param]: event.target.value || null })}
                  className={control}
                >
                  <option value="">{field.anyLabel}</option>
                  {field.options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={id}
                  type="date"
                  value={params.get(field.param) ?? ''}
                  onChange={(event) => set({ [field.param]: event.target.value || null })}
                  className={control}
                />
              )}
            </div>
          );
        })}
        {textFields.length > 0 ? (
          <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-600">
            Search
          </button>
        ) : null}
        {active ? (
          <button
            type="button"
            onClick={() => set(Object.fromEntries(fields.map((field) => [field.param, null])))}
            className="py-2 text-sm font-medium text-brand-700 underline underline-offset-2"
          >
            Clear filters
          </button>
        ) : null}
      </form>
    </search>
  );
}
