// The unsubscribe page's frame while its link is checked.
export default function UnsubscribeLoading() {
  return (
    <section className="mx-auto max-w-xl space-y-4 rounded-xl border border-stone-200 bg-white p-8" aria-busy="true" aria-label="Checking your link">
      <div className="h-8 w-2/3 animate-pulse rounded bg-stone-200" />
      <div className="h-4 w-full animate-pulse rounded bg-stone-200" />
      <div className="h-12 w-40 animate-pulse rounded-lg bg-stone-200" />
    </section>
  );
}
