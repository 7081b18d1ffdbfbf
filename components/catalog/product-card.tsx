import { formatMoney, type CurrencyCode } from '@/lib/money';
import type { ProductCard as ProductCardData } from '@/db/queries/catalog';

export function ProductCard({ product }: { product: ProductCardData }) {
  const soldOut = product.available <= 0;
  const currency = product.currency as CurrencyCode;
  return (
    <article className="group overflow-hidden rounded-xl border border-stone-200 bg-white" data-testid="product-card">
      <div className="relative aspect-square bg-stone-100">
        {product.imageUrl ? (
          // Fixed aspect box + explicit size: no layout shift while the image loads.
          // eslint-disable-next-line @next/next/no-img-element
          <img src={product.imageUrl} alt={product.imageAlt} width={800} height={800} loading="lazy" className="h-full w-full object-cover" />
        ) : null}
        {soldOut ? (
          <span className="absolute left-3 top-3 rounded-full bg-stone-900 px-2.5 py-1 text-xs font-semibold text-white">Sold out</span>
        ) : null}
      </div>
      <div className="space-y-1 p-4">
        <p className="text-xs uppercase tracking-wide text-stone-500">{product.categoryName}</p>
        <h3 className="font-medium">{product.title}</h3>
        <p className="text-sm">
          <span className="font-semibold">{formatMoney({ amount: product.fromPriceAmount, currency })}</span>
          {product.compareAtAmount && product.compareAtAmount > product.fromPriceAmount ? (
            <s className="ml-2 text-stone-400">{formatMoney({ amount: product.compareAtAmount, currency })}</s>
          ) : null}
        </p>
      </div>
    </article>
  );
}
