// What a signed-in user sees on a page their role does not allow (answered with HTTP 403).
import Link from 'next/link';

export function ForbiddenNotice() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-stone-500">403</p>
      <h1 className="mt-1 text-2xl font-semibold">You don’t have access to that page</h1>
      <p className="mt-2 text-stone-600">It is for shop administrators. If you think this is a mistake, sign in with an admin account.</p>
      <Link href="/" className="mt-6 inline-block rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600">
        Back to the shop
      </Link>
    </div>
  );
}
