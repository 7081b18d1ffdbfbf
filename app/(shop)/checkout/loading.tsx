// The checkout's frame while the cart loads: form column and summary column, so nothing jumps when they arrive.
export default function CheckoutLoading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading checkout">
      <div className="h-8 w-36 animate-pulse rounded bg-stone-200" />
      <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-6">
          {[2, 6, 3].map((rows, index) => (
            <div key={index} className="space-y-3 rounded-xl border border-stone-200 bg-white p-6">
              <div className="h-5 w-32 animate-pulse rounded bg-stone-200" />
              {Array.from({ length: rows }, (_, row) => (
                <div key={row} className="h-9 animate-pulse rounded bg-stone-100" />
              ))}
            </div>
          ))}
        </div>
        <div className="h-72 animate-pulse rounded-xl bg-stone-200" />
      </div>
    </div>
  );
}
