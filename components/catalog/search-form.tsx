import { SEARCH_MAX_LENGTH } from './listing-params';

/** A plain GET form to /search: works before (and without) JavaScript, and the URL is the search. */
export function SearchForm({ defaultValue = '', id = 'search', className = '' }: { defaultValue?: string; id?: string; className?: string }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a GET form is the search landmark; <search> wrapping it adds nothing for screen readers yet
    <form action="/search" method="get" role="search" className={`flex ${className}`}>
      <label htmlFor={id} className="sr-only">
        Search products
      </label>
      <input
        id={id}
        name="q"
        type="search"
        defaultValue={defaultValue}
        maxLength={SEARCH_MAX_LENGTH}
        placeholder="Search products"
        autoComplete="off"
        className="min-h-10 w-full min-w-0 rounded-l-lg border border-r-0 border-stone-300 bg-white px-3 text-sm"
      />
      <button type="submit" className="min-h-10 rounded-r-lg bg-stone-900 px-4 text-sm font-medium text-white hover:bg-stone-700">
        Search
      </button>
    </form>
  );
}
