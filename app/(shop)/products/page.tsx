// GET /products – every product, sorted (?sort=) and paginated (?page=, 12 a page)
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { listingHref, parseListingParams, type SearchParams } from '@/components/catalog/listing-params';
import { ProductListing } from '@/components/catalog/product-listing';
import { getListingPage } from '@/lib/server/deps/catalog';

interface Props {
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const page = parseListingParams(await searchParams)?.page ?? 1;
  return {
    title: page > 1 ? `All products – page ${page}` : 'All products',
    description: 'Everything in the shop: clothing, footwear, homeware and accessories made in Lagos.',
    alternates: { canonical: listingHref('/products', { page }) },
  };
}

export default async function AllProductsPage({ searchParams }: Props) {
  const parsed = parseListingParams(await searchParams);
  if (!parsed) notFound();
  const listing = await getListingPage({ sort: parsed.sort, page: parsed.page });
  if (!listing) notFound();
  return <ProductListing title="All products" basePath="/products" sort={parsed.sort} listing={listing} />;
}
