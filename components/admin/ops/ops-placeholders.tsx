// What an operations page (payments, webhooks, jobs, audit log) shows while it loads: the same frame as the page, so
// nothing jumps when it arrives.
import { placeholderKeys } from '@/components/ui/placeholders';

export function OpsListLoading({ label }: { label: string }) {
  return (
    <section className="space-y-6" aria-busy="true" aria-label={label}>
      <div className="space-y-2">
        <div className="h-8 w-40 animate-pulse rounded bg-stone-200" />
        <div className="h-4 w-full max-w-xl animate-pulse rounded bg-stone-100" />
      </div>
      <div className="h-20 animate-pulse rounded-xl border border-stone-200 bg-white" />
      <div className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white">
        {placeholderKeys(8).map((key) => (
          <div key={key} className="flex gap-4 px-4 py-4">
            <div className="h-4 w-40 animate-pulse rounded bg-stone-200" />
            <div className="h-4 w-24 animate-pulse rounded bg-stone-100" />
            <div className="h-4 flex-1 animate-pulse rounded bg-stone-100" />
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
