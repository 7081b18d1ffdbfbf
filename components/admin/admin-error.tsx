'use client';
// The error state of an admin page, inside the admin shell so the navigation stays. Never shows the error's message,
// only the digest the server logged; "Try again" re-fetches and re-renders the page.
export function AdminError({ title, error, retry }: { title: string; error: unknown; retry: () => void }) {
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : undefined;
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 px-6 py-10 text-center">
      <h1 className="text-lg font-semibold text-red-900">{title}</h1>
      <p className="mt-1 text-sm text-red-800">Please try again{digest ? ` (reference ${digest})` : ''}.</p>
      <button type="button" onClick={retry} className="mt-4 rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-600">
        Try again
      </button>
    </div>
  );
}
