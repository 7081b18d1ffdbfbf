// The product editor's frame while it loads.
export default function AdminNewProductLoading() {
  return (
    <section className="space-y-6" aria-busy="true" aria-label="Loading the form">
      <div className="h-4 w-24 animate-pulse rounded bg-stone-200" />
      <div className="h-8 w-72 animate-pulse rounded bg-stone-200" />
      <div className="h-64 animate-pulse rounded-xl bg-stone-100" />
      <div className="h-40 animate-pulse rounded-xl bg-stone-100" />
      <div className="h-56 animate-pulse rounded-xl bg-stone-100" />
    </section>
  );
}
