// One account's frame while it loads: the same columns as the page.
import { placeholderKeys } from '@/components/ui/placeholders';

export default function AdminCustomerLoading() {
  return (
    <section className="space-y-6" aria-busy="true" aria-label="Loading the customer">
      <div className="h-4 w-24 animate-pulse rounded bg-stone-200" />
      <div className="h-8 w-56 animate-pulse rounded bg-stone-200" />
      <div className="grid gap-6 lg:grid-cols-[22rem_1fr] lg:items-start">
        <div className="h-80 animate-pulse rounded-xl border border-stone-200 bg-white" />
        <div className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white">
          {placeholderKeys(6).map((key) => (
            <div key={key} className="flex gap-4 px-6 py-4">
              <div className="h-4 w-24 animate-pulse rounded bg-stone-200" />
              <div className="h-4 flex-1 animate-pulse rounded bg-stone-100" />
              <div className="h-4 w-20 animate-pulse rounded bg-stone-200" />
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}
