// The admin console's loading frames: the same shapes as the pages they stand in for.
import { placeholderKeys } from '@/components/ui/placeholders';

interface ListLoadingProps {
  label: string;
  /** Height class of the filter bar (the orders list has two rows of filters). */
  filters?: 'h-16' | 'h-20' | 'h-36';
  /** A line of explanation under the heading (the operations pages have one). */
  description?: boolean;
  /** A button beside the heading (e.g. "New product"). */
  action?: boolean;
  /** A thumbnail at the start of each row (products). */
  thumbnails?: boolean;
  rows?: number;
}

/** What an admin list page shows while it loads: heading, filter bar and rows, the same frame as the page, so nothing jumps. */
export function AdminListLoading({ label, filters = 'h-16', description = false, action = false, thumbnails = false, rows = 10 }: ListLoadingProps) {
  return (
    <section className="space-y-6" aria-busy="true" aria-label={label}>
      <div className="flex justify-between gap-4">
        <div className="flex-1 space-y-2">
          <div className="h-8 w-40 animate-pulse rounded bg-stone-200" />
          {description ? <div className="h-4 w-full max-w-xl animate-pulse rounded bg-stone-100" /> : null}
        </div>
        {action ? <div className="h-9 w-32 animate-pulse rounded-lg bg-stone-200" /> : null}
      </div>
      <div className={`${filters} animate-pulse rounded-xl border border-stone-200 bg-white`} />
      <div className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white">
        {placeholderKeys(rows).map((key) => (
          <div key={key} className="flex items-center gap-4 px-4 py-4">
            {thumbnails ? <div className="h-10 w-10 animate-pulse rounded-md bg-stone-200" /> : null}
            <div className="h-4 w-40 animate-pulse rounded bg-stone-200" />
            <div className="h-4 flex-1 animate-pulse rounded bg-stone-100" />
            <div className="h-4 w-24 animate-pulse rounded bg-stone-100" />
            <div className="h-4 w-20 animate-pulse rounded bg-stone-200" />
          </div>
        ))}
      </div>
    </section>
  );
}

export function OpsDetailLoading({ label }: { label: string }) {
  return (
    <section className="space-y-6" aria-busy="true" aria-label={label}>
      <div className="h-4 w-24 animate-pulse rounded bg-stone-200" />
      <div className="h-8 w-72 animate-pulse rounded bg-stone-200" />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem] lg:items-start">
        <div className="h-96 animate-pulse rounded-xl border border-stone-200 bg-white" />
        <div className="space-y-6">
          {placeholderKeys(2).map((key) => (
            <div key={key} className="h-40 animate-pulse rounded-xl border border-stone-200 bg-white" />
          ))}
        </div>
      </div>
    </section>
  );
}

/** The product editor (new or existing) while it loads: back link, title, then its three cards. */
export function ProductEditorLoading({ label }: { label: string }) {
  return (
    <section className="space-y-6" aria-busy="true" aria-label={label}>
      <div className="h-4 w-24 animate-pulse rounded bg-stone-200" />
      <div className="h-8 w-72 animate-pulse rounded bg-stone-200" />
      <div className="h-64 animate-pulse rounded-xl bg-stone-100" />
      <div className="h-40 animate-pulse rounded-xl bg-stone-100" />
      <div className="h-56 animate-pulse rounded-xl bg-stone-100" />
    </section>
  );
}
