import { headers } from 'next/headers';
import type { ProductDetail, VariantOffer } from '@/db/queries/catalog';
import { toDecimalString } from '@/lib/core/money';

/** schema.org Product markup for search engines: one Offer per variant with its live availability. */
export async function ProductJsonLd({ product, variants, url }: { product: ProductDetail; variants: VariantOffer[]; url: string }) {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.title,
    description: product.description,
    image: product.images.map((image) => new URL(image.url, url).toString()),
    category: product.category.name,
    offers: variants.map((variant) => ({
      '@type': 'Offer',
      sku: variant.sku,
      name: variant.title,
      price: toDecimalString({ amount: variant.priceAmount, currency: variant.currency }),
      priceCurrency: variant.currency,
      availability: variant.available > 0 ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
      url: `${url}?variant=${variant.id}`,
    })),
  };
  // "<" escaped so a description can never close the script element.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  // Data, not code, so the CSP would not block it either way; it carries the response's nonce like every script tag
  // (proxy.ts passes it as x-nonce: the front's placeholder, the same for every shopper, or a per-request one).
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  // biome-ignore lint/security/noDangerouslySetInnerHtml: JSON-LD must be raw JSON; every '<' is escaped above, so it cannot close the script
  return <script type="application/ld+json" nonce={nonce} dangerouslySetInnerHTML={{ __html: json }} />;
}
