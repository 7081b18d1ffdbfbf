// One order's frame while it loads: the same columns as the page, so nothing jumps when it arrives.
import { placeholderKeys } from '@/components/ui/placeholders';

export default function AdminOrderLoading() {
  return (
    <section className="space-y-6" aria-busy="true" aria-label="Loading the order">
      <div className="h-4 w-20 animate-pulse rounded bg-stone-200" />
      <div className="h-8 w-64 animate-pulse rounded bg-stone-200" />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem] lg:items-start">
        <div className="space-y-6">
          {placeholderKeys(3).map((key) => (
            <div key={key} className="h-48 animate-pulse rounded-xl border border-stone-200 bg-white" />
          ))}
        </div>
        <div className="space-y-6">
          {placeholderKeys(4).map((key) => (
            <div key={key} className="h-28 animate-pulse rounded-xl border border-stone-200 bg-white" />
          ))}
        </div>
      </div>
    </section>
  );
}
