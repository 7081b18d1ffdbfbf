import Link from 'next/link';
import { connection } from 'next/server';

// Rendered per request, as every page with the root layout: a prerendered copy would carry no CSP nonce, and with the
// shared Redis data cache Next would regenerate it at runtime as a static page, where the cache's no-store fetch is an
// error (every unknown URL answered 500).
export default async function NotFound() {
  await connection();
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-stone-600">The page you were looking for does not exist or has moved.</p>
      <Link href="/" className="mt-6 inline-block rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600">
        Back to the shop
      </Link>
    </div>
  );
}
