import Link from 'next/link';
import type { CategorySummary } from '@/db/queries/catalog';

// Searches that find something in the demo catalogue; shown when a search finds nothing.
const popular = ['adire', 'sandals', 'basket', 'leather', 'indigo'];

export function SearchSuggestions({ categories }: { categories: CategorySummary[] }) {
  return (
    <div className="grid gap-6 sm:grid-cols-2">
      <section aria-labelledby="try-heading">
        <h2 id="try-heading" className="font-semibold">
          Try searching for
        </h2>
        <ul className="mt-2 flex flex-wrap gap-2">
          {popular.map((word) => (
            <li key={word}>
              <Link
                href={`/search?q=${encodeURIComponent(word)}`}
                className="inline-flex min-h-9 items-center rounded-full border border-stone-300 bg-white px-3 text-sm hover:border-stone-900"
              >
                {word}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="browse-heading">
        <h2 id="browse-heading" className="font-semibold">
          Or browse a category
        </h2>
        <ul className="mt-2 flex flex-wrap gap-2">
          {categories.map((category) => (
            <li key={category.slug}>
              <Link
                href={`/category/${category.slug}`}
                className="inline-flex min-h-9 items-center rounded-full border border-stone-300 bg-white px-3 text-sm hover:border-stone-900"
              >
                {category.name}
              </Link>
            </li>
          ))}
          <li>
            <Link
              href="/products"
              className="inline-flex min-h-9 items-center rounded-full border border-stone-300 bg-white px-3 text-sm hover:border-stone-900"
            >
              All products
            </Link>
          </li>
        </ul>
      </section>
    </div>
  );
}
