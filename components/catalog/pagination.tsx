import Link from 'next/link';
import { pageWindow } from './listing-params';

const box = 'inline-flex min-h-10 min-w-10 items-center justify-center rounded-lg border px-3 text-sm';

/** Previous / numbered / next links; plain links, so it works without JavaScript and with the keyboard. */
export function Pagination({ page, pageCount, hrefFor }: { page: number; pageCount: number; hrefFor: (page: number) => string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pagination" className="mt-10 flex flex-wrap items-center justify-center gap-2">
      {page > 1 ? (
        <Link prefetch={false} href={hrefFor(page - 1)} rel="prev" className={`${box} border-stone-300 bg-white hover:border-stone-900`}>
          Previous
        </Link>
      ) : (
        <span aria-disabled="true" className={`${box} border-stone-200 text-stone-400`}>
          Previous
        </span>
      )}
      <ol className="flex flex-wrap gap-2">
        {pageWindow(page, pageCount).map((n, index) =>
          n === null ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: a gap has no page number; its position (before or after the window) is its identity
            <li key={`gap-${index}`} aria-hidden="true" className={`${box} border-transparent`}>
              …
            </li>
          ) : (
            <li key={n}>
              <Link
                prefetch={false}
                href={hrefFor(n)}
                aria-label={`Page ${n}`}
                aria-current={n === page ? 'page' : undefined}
                className={`${box} ${n === page ? 'border-stone-900 bg-stone-900 text-white' : 'border-stone-300 bg-white hover:border-stone-900'}`}
              >
                {n}
              </Link>
            </li>
          ),
        )}
      </ol>
      {page < pageCount ? (
        <Link prefetch={false} href={hrefFor(page + 1)} rel="next" className={`${box} border-stone-300 bg-white hover:border-stone-900`}>
          Next
        </Link>
      ) : (
        <span aria-disabled="true" className={`${box} border-stone-200 text-stone-400`}>
          Next
        </span>
      )}
    </nav>
  );
}
