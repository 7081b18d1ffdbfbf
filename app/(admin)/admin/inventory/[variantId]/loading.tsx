// One variant's stock page while it loads.
import { placeholderKeys } from '@/components/ui/placeholders';

export default function AdminVariantStockLoading() {
  return (
    <section className="space-y-6" aria-busy="true" aria-label="Loading stock">
      <div className="h-4 w-24 animate-pulse rounded bg-stone-200" />
      <div className="h-8 w-80 animate-pulse rounded bg-stone-200" />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {placeholderKeys(4).map((key) => (
          <div key={key} className="h-20 animate-pulse rounded-xl bg-stone-100" />
        ))}
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="h-72 animate-pulse rounded-xl bg-stone-100" />
        <div className="h-72 animate-pulse rounded-xl bg-stone-100" />
      </div>
    </section>
  );
}
