// The products list's frame while it loads.
import { placeholderKeys } from '@/components/ui/placeholders';

export default function AdminProductsLoading() {
  return (
    <section className="space-y-6" aria-busy="true" aria-label="Loading products">
      <div className="flex justify-between">
        <div className="h-8 w-36 animate-pulse rounded bg-stone-200" />
        <div className="h-9 w-32 animate-pulse rounded-lg bg-stone-200" />
      </div>
      <div className="h-16 animate-pulse rounded-xl bg-stone-100" />
      <div className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white">
        {placeholderKeys(8).map((key) => (
          <div key={key} className="flex items-center gap-4 px-4 py-3">
            <div className="h-10 w-10 animate-pulse rounded-md bg-stone-200" />
            <div className="h-4 w-56 animate-pulse rounded bg-stone-200" />
            <div className="h-4 flex-1 animate-pulse rounded bg-stone-100" />
            <div className="h-4 w-20 animate-pulse rounded bg-stone-200" />
          </div>
        ))}
      </div>
    </section>
  );
}
