'use client';

// Never shows the error's message or stack: only a digest the operator can find in the server log.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-md py-16 text-center" role="alert">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-stone-600">Please try again. If it keeps happening, contact us{error.digest ? ` quoting ${error.digest}` : ''}.</p>
      <button type="button" onClick={reset} className="mt-6 rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600">
        Try again
      </button>
    </div>
  );
}
