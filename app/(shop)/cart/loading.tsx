// The cart page's frame while its lines load: same two columns, so nothing jumps when they arrive.
import { placeholderKeys } from '@/components/ui/placeholders';

export default function CartLoading() {
  return (
    <section className="space-y-6" aria-busy="true" aria-label="Loading your cart">
      <div className="h-8 w-40 animate-pulse rounded bg-stone-200" />
      <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-4 rounded-xl border border-stone-200 bg-white p-6">
          {placeholderKeys(3).map((key) => (
            <div key={key} className="flex gap-4">
              <div className="h-24 w-24 animate-pulse rounded-lg bg-stone-200" />
              <div className="flex-1 space-y-2">
                <div className="h-5 w-1/2 animate-pulse rounded bg-stone-200" />
                <div className="h-4 w-1/4 animate-pulse rounded bg-stone-200" />
              </div>
            </div>
          ))}
        </div>
        <div className="h-48 animate-pulse rounded-xl bg-stone-200" />
      </div>
    </section>
  );
}
