// The orders list's frame while it loads: heading, filter bar and rows, the same shapes as the page.
import { placeholderKeys } from '@/components/ui/placeholders';

export default function AdminOrdersLoading() {
  return (
    <section className="space-y-6" aria-busy="true" aria-label="Loading orders">
      <div className="h-8 w-32 animate-pulse rounded bg-stone-200" />
      <div className="h-36 animate-pulse rounded-xl bg-stone-100" />
      <div className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white">
        {placeholderKeys(10).map((key) => (
          <div key={key} className="flex gap-4 px-4 py-4">
            <div className="h-4 w-24 animate-pulse rounded bg-stone-200" />
            <div className="h-4 flex-1 animate-pulse rounded bg-stone-100" />
            <div className="h-4 w-28 animate-pulse rounded bg-stone-100" />
            <div className="h-4 w-20 animate-pulse rounded bg-stone-200" />
          </div>
        ))}
      </div>
    </section>
  );
}
