// The order list's frame while it loads.
import { placeholderKeys } from '@/components/ui/placeholders';

export default function AccountOrdersLoading() {
  return (
    <section className="space-y-6" aria-busy="true" aria-label="Loading your orders">
      <div className="h-8 w-44 animate-pulse rounded bg-stone-200" />
      <div className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white">
        {placeholderKeys(5).map((key) => (
          <div key={key} className="flex gap-4 px-6 py-5">
            <div className="h-4 w-24 animate-pulse rounded bg-stone-200" />
            <div className="h-4 flex-1 animate-pulse rounded bg-stone-100" />
            <div className="h-4 w-20 animate-pulse rounded bg-stone-200" />
          </div>
        ))}
      </div>
    </section>
  );
}
