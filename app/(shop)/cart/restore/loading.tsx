// The restore page's frame while the link is checked and its items load.
import { placeholderKeys } from '@/components/ui/placeholders';

export default function RestoreCartLoading() {
  return (
    <section className="mx-auto max-w-xl space-y-6 rounded-xl border border-stone-200 bg-white p-8" aria-busy="true" aria-label="Checking your link">
      <div className="h-8 w-2/3 animate-pulse rounded bg-stone-200" />
      <div className="h-4 w-full animate-pulse rounded bg-stone-200" />
      <div className="space-y-3 rounded-lg border border-stone-200 p-4">
        {placeholderKeys(2).map((key) => (
          <div key={key} className="h-5 w-3/4 animate-pulse rounded bg-stone-200" />
        ))}
      </div>
      <div className="h-12 w-64 animate-pulse rounded-lg bg-stone-200" />
    </section>
  );
}
