// The checkout's frame while the cart loads: form column and summary column, so nothing jumps when they arrive.
import { placeholderKeys } from '@/components/ui/placeholders';

export default function CheckoutLoading() {
  return (
    <section className="space-y-6" aria-busy="true" aria-label="Loading checkout">
      <div className="h-8 w-36 animate-pulse rounded bg-stone-200" />
      <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-6">
          {[
            { name: 'contact', rows: 2 },
            { name: 'address', rows: 6 },
            { name: 'delivery', rows: 3 },
          ].map(({ name, rows }) => (
            <div key={name} className="space-y-3 rounded-xl border border-stone-200 bg-white p-6">
              <div className="h-5 w-32 animate-pulse rounded bg-stone-200" />
              {placeholderKeys(rows).map((key) => (
                <div key={key} className="h-9 animate-pulse rounded bg-stone-100" />
              ))}
            </div>
          ))}
        </div>
        <div className="h-72 animate-pulse rounded-xl bg-stone-200" />
      </div>
    </section>
  );
}
