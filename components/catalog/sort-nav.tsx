import Link from 'next/link';
import type { ProductSort } from '@/db/queries/catalog';
import { listingHref, productSorts, sortLabels } from './listing-params';

// Sort options are links rather than a self-submitting <select>: nothing changes under a keyboard user's
// arrow keys, it works without JavaScript, and each order has its own shareable URL. A new sort starts at page 1.
export function SortNav({ basePath, current }: { basePath: string; current: ProductSort }) {
  return (
    <nav aria-label="Sort products" className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-stone-600">Sort by</span>
      <ul className="flex flex-wrap gap-2">
        {productSorts.map((sort) => (
          <li key={sort}>
            <Link
              prefetch={false}
              href={listingHref(basePath, { sort })}
              aria-current={sort === current ? 'true' : undefined}
              className={`inline-flex min-h-9 items-center rounded-full border px-3 ${
                sort === current ? 'border-stone-900 bg-stone-900 text-white' : 'border-stone-300 bg-white hover:border-stone-900'
              }`}
            >
              {sortLabels[sort]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
