// Same two-column frame as the product page, so nothing jumps when it arrives.
import { placeholderKeys } from '@/components/ui/placeholders';

export default function ProductLoading() {
  return (
    <section className="space-y-8" aria-busy="true" aria-label="Loading product">
      <div className="h-4 w-48 animate-pulse rounded bg-stone-200" />
      <div className="grid gap-8 md:grid-cols-2 md:gap-12">
        <div className="aspect-square animate-pulse rounded-2xl bg-stone-200" />
        <div className="space-y-4">
          <div className="h-9 w-3/4 animate-pulse rounded bg-stone-200" />
          <div className="h-7 w-32 animate-pulse rounded bg-stone-200" />
          <div className="h-5 w-24 animate-pulse rounded bg-stone-200" />
          <div className="flex gap-2">
            {placeholderKeys(4).map((key) => (
              <div key={key} className="h-11 w-11 animate-pulse rounded-lg bg-stone-200" />
            ))}
          </div>
          <div className="h-12 w-full animate-pulse rounded-lg bg-stone-200" />
        </div>
      </div>
    </section>
  );
}
