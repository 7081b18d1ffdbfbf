import type { ProductCard, ProductPage, ProductSort } from '@/db/queries/catalog';
import { listingHref } from './listing-params';
import { Pagination } from './pagination';
import { ProductGrid } from './product-grid';
import { SortNav } from './sort-nav';

/** A sortable, paginated listing: all products or one category. */
export function ProductListing({
  title,
  description,
  basePath,
  sort,
  listing,
}: {
  title: string;
  description?: string;
  basePath: string;
  sort: ProductSort;
  listing: ProductPage<ProductCard>;
}) {
  const first = (listing.page - 1) * listing.pageSize + 1;
  const last = first + listing.items.length - 1;
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-3xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="max-w-2xl text-stone-600">{description}</p> : null}
      </header>
      <div className="flex flex-col gap-3 border-y border-stone-200 py-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-stone-600" data-testid="result-count">
          {listing.total === 0
            ? 'No products yet'
            : listing.pageCount > 1
              ? `Showing ${first}–${last} of ${listing.total} products`
              : `${listing.total} ${listing.total === 1 ? 'product' : 'products'}`}
        </p>
        <SortNav basePath={basePath} current={sort} />
      </div>
      {listing.items.length === 0 ? (
        <p className="py-12 text-center text-stone-600">Nothing here yet — new pieces arrive every week.</p>
      ) : (
        <ProductGrid products={listing.items} headingLevel={2} />
      )}
      <Pagination page={listing.page} pageCount={listing.pageCount} hrefFor={(page) => listingHref(basePath, { sort, page })} />
    </div>
  );
}
