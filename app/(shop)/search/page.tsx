// GET /search?q= – full-text product search with a prefix fallback, results count and an empty state
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { listingHref, parseSearchParams, type SearchParams } from '@/components/catalog/listing-params';
import { Pagination } from '@/components/catalog/pagination';
import { ProductGrid } from '@/components/catalog/product-grid';
import { SearchForm } from '@/components/catalog/search-form';
import { SearchSuggestions } from '@/components/catalog/search-suggestions';
import { getCategories, searchCatalog } from '@/lib/server/deps/catalog';

interface Props {
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const input = parseSearchParams(await searchParams);
  // Result pages are endless and thin: keep them out of search engines.
  return { title: input.kind === 'query' ? `Search: ${input.q}` : 'Search', robots: { index: false, follow: true } };
}

export default async function SearchPage({ searchParams }: Props) {
  const input = parseSearchParams(await searchParams);
  if (input.kind === 'bad_page') notFound();
  const results = input.kind === 'query' ? await searchCatalog(input.q, input.page) : null;
  if (input.kind === 'query' && !results) notFound();
  const categories = results && results.total > 0 ? [] : await getCategories();

  return (
    <div className="space-y-6">
      <header className="space-y-4">
        <h1 className="text-3xl font-semibold tracking-tight">{input.kind === 'query' ? <>Results for “{input.q}”</> : 'Search'}</h1>
        <SearchForm id="search-page-query" defaultValue={input.kind === 'query' || input.kind === 'invalid' ? input.q : ''} className="max-w-xl" />
        {input.kind === 'invalid' ? (
          <p role="alert" className="text-sm text-red-700">
            {input.message}
          </p>
        ) : null}
      </header>

      {results ? (
        <p role="status" className="text-sm text-stone-600" data-testid="result-count">
          {results.total === 0 ? 'No products found' : `${results.total} ${results.total === 1 ? 'product' : 'products'} found`}
        </p>
      ) : null}

      {results && results.total > 0 ? (
        <>
          <ProductGrid products={results.items} headingLevel={2} />
          <Pagination
            page={results.page}
            pageCount={results.pageCount}
            hrefFor={(page) => listingHref('/search', { q: input.kind === 'query' ? input.q : undefined, page })}
          />
        </>
      ) : (
        <div className="space-y-6 rounded-2xl border border-stone-200 bg-white p-6">
          {results ? (
            <div>
              <h2 className="text-lg font-semibold">Nothing matches “{input.kind === 'query' ? input.q : ''}”</h2>
              <p className="mt-1 text-stone-600">Check the spelling, use fewer or more general words, or try one of these.</p>
            </div>
          ) : (
            <p className="text-stone-600">Search by name or description, for example “linen” or “sandals”.</p>
          )}
          <SearchSuggestions categories={categories} />
        </div>
      )}
    </div>
  );
}
