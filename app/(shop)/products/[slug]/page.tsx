// GET /products/[slug] – a product: images, description, variant picker (?variant=<id>) with live availability
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { firstValue, type SearchParams } from '@/components/catalog/listing-params';
import { LiveSoldOutBadge } from '@/components/catalog/live-sold-out-badge';
import { ProductGallery } from '@/components/catalog/product-gallery';
import { ProductJsonLd } from '@/components/catalog/product-json-ld';
import { VariantPicker } from '@/components/catalog/variant-picker';
import { initialVariant, variantPriceLabels } from '@/components/catalog/variant-selection';
import { MAX_REQUESTED_QUANTITY } from '@/lib/cart/cart-input';
import { env } from '@/lib/core/env';
import { loadProduct } from './load-product';

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}

// A stale or mangled ?variant= falls back to the default choice rather than failing the page.
const variantIdSchema = z.uuid().optional().catch(undefined);

/** Meta descriptions are cut by search engines near 160 characters: end on a word instead. */
function summary(text: string, max = 160): string {
  if (text.length <= max) return text;
  return `${text.slice(0, text.lastIndexOf(' ', max - 1))}…`;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const product = (await loadProduct(slug))?.product;
  if (!product) return { title: 'Product not found' };
  const description = summary(product.description);
  const path = `/products/${product.slug}`;
  return {
    title: product.title,
    description,
    alternates: { canonical: path },
    openGraph: {
      type: 'website',
      title: product.title,
      description,
      url: path,
      images: product.images.map((image) => ({ url: image.url, width: image.width, height: image.height, alt: image.alt })),
    },
  };
}

export default async function ProductPage({ params, searchParams }: Props) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const loaded = await loadProduct(slug);
  if (!loaded) notFound();
  const { product, offers: variants } = loaded;
  const selected = initialVariant(variants, variantIdSchema.parse(firstValue(query.variant)));
  if (!selected) notFound();
  const url = new URL(`/products/${product.slug}`, env().NEXTAUTH_URL).toString();

  return (
    <div className="space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <ol className="flex flex-wrap gap-2">
          <li>
            <Link prefetch={false} href="/" className="hover:text-stone-900">
              Home
            </Link>{' '}
            <span aria-hidden="true">/</span>
          </li>
          <li>
            <Link prefetch={false} href={`/category/${product.category.slug}`} className="hover:text-stone-900">
              {product.category.name}
            </Link>{' '}
            <span aria-hidden="true">/</span>
          </li>
          <li aria-current="page" className="text-stone-900">
            {product.title}
          </li>
        </ol>
      </nav>
      <div className="grid gap-8 md:grid-cols-2 md:gap-12">
        <ProductGallery images={product.images} title={product.title} />
        <div className="space-y-6">
          <div className="space-y-2">
            <h1 className="text-3xl font-semibold tracking-tight">{product.title}</h1>
            <LiveSoldOutBadge
              kind="variants"
              keys={variants.map((variant) => variant.id)}
              own={variants.map((variant) => ({ key: variant.id, available: variant.available }))}
              className="inline-block rounded-full bg-stone-900 px-3 py-1 text-sm font-semibold text-white"
            />
          </div>
          <VariantPicker
            optionNames={product.optionNames}
            variants={variants}
            priceLabels={variantPriceLabels(variants)}
            initialVariantId={selected.id}
            maxQuantity={MAX_REQUESTED_QUANTITY}
          />
          <section aria-labelledby="description-heading" className="border-t border-stone-200 pt-6">
            <h2 id="description-heading" className="text-lg font-semibold">
              Description
            </h2>
            <p className="mt-2 leading-relaxed text-stone-700">{product.description}</p>
          </section>
        </div>
      </div>
      <ProductJsonLd product={product} variants={variants} url={url} />
    </div>
  );
}
