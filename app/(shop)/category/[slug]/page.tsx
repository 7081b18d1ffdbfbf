// GET /category/[slug] – one category's products, sorted (?sort=) and paginated (?page=, 12 a page)
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { listingHref, parseListingParams, type SearchParams } from '@/components/catalog/listing-params';
import { ProductListing } from '@/components/catalog/product-listing';
import { getCategories, getListingPage } from '@/lib/server/deps/catalog';

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}

async function findCategory(slug: string) {
  return (await getCategories()).find((category) => category.slug === slug);
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const category = await findCategory(slug);
  if (!category) return { title: 'Category not found' };
  const page = parseListingParams(query)?.page ?? 1;
  return {
    title: page > 1 ? `${category.name} – page ${page}` : category.name,
    description: category.description,
    // Sorted views are the same products: search engines should index the default order only.
    alternates: { canonical: listingHref(`/category/${category.slug}`, { page }) },
  };
}

export default async function CategoryPage({ params, searchParams }: Props) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const category = await findCategory(slug);
  const parsed = parseListingParams(query);
  if (!category || !parsed) notFound();
  const listing = await getListingPage({ categorySlug: category.slug, sort: parsed.sort, page: parsed.page });
  // Past the last page is a 404 rather than a silent clamp: every page has exactly one URL.
  if (!listing) notFound();
  return (
    <ProductListing title={category.name} description={category.description} basePath={`/category/${category.slug}`} sort={parsed.sort} listing={listing} />
  );
}
