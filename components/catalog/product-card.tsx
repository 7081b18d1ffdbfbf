import Link from 'next/link';
import { formatMoney } from '@/lib/core/money';
import type { ProductCard as ProductCardData } from '@/db/queries/catalog';
import { LiveSoldOutBadge } from './live-sold-out-badge';

/** `headingLevel`: 3 under a section's h2 (the home page), 2 where the grid sits straight under the page's h1. */
/** `gridSlugs`: every card's slug on this page, so all the cards' live stock comes from one request. */
export function ProductCard({
  product,
  gridSlugs,
  priority = false,
  headingLevel = 3,
}: {
  product: ProductCardData;
  gridSlugs: string[];
  priority?: boolean;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const currency = product.currency;
  return (
    // One link per card (stretched over it by the title's ::after), so a keyboard user tabs once per product.
    <article
      className="group relative overflow-hidden rounded-xl border border-stone-200 bg-white focus-within:ring-2 focus-within:ring-brand-600"
      data-testid="product-card"
    >
      <div className="relative aspect-square bg-stone-100">
        {product.imageUrl ? (
          // Fixed aspect box + explicit size: no layout shift while the image loads.
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={product.imageUrl}
            alt={product.imageAlt}
            width={800}
            height={800}
            // The first row is the page's largest paint on a phone: fetched early at high priority and decoded with the
            // first frame; the rest wait until they near the viewport.
            loading={priority ? 'eager' : 'lazy'}
            fetchPriority={priority ? 'high' : 'auto'}
            decoding={priority ? 'sync' : 'async'}
            className="h-full w-full object-cover transition-transform duration-300 group-hover:scale-[1.02]"
          />
        ) : null}
        <LiveSoldOutBadge
          kind="products"
          keys={gridSlugs}
          own={[{ key: product.slug, available: product.available }]}
          className="absolute left-3 top-3 rounded-full bg-stone-900 px-2.5 py-1 text-xs font-semibold text-white"
        />
      </div>
      <div className="space-y-1 p-4">
        <p className="text-xs uppercase tracking-wide text-stone-500">{product.categoryName}</p>
        <Heading className="font-medium">
          <Link prefetch={false} href={`/products/${product.slug}`} className="after:absolute after:inset-0 focus-visible:outline-none">
            {product.title}
          </Link>
        </Heading>
        {/* Two columns of cards on a phone leave ~150 px: each amount stays whole and the old price wraps under the new one. */}
        <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
          <span className="whitespace-nowrap">
            {product.toPriceAmount > product.fromPriceAmount ? <span className="text-stone-500">From </span> : null}
            <span className="font-semibold" data-testid="card-price">
              {formatMoney({ amount: product.fromPriceAmount, currency })}
            </span>
          </span>
          {product.compareAtAmount && product.compareAtAmount > product.fromPriceAmount ? (
            <s className="whitespace-nowrap text-stone-500" data-testid="card-compare-at">
              <span className="sr-only">Was </span>
              {formatMoney({ amount: product.compareAtAmount, currency })}
            </s>
          ) : null}
        </p>
      </div>
    </article>
  );
}
