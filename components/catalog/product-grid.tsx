import type { ProductCard as ProductCardData } from '@/db/queries/catalog';
import { ProductCard } from './product-card';

/** The first row loads eagerly: it is above the fold on every screen size. */
export function ProductGrid({ products }: { products: ProductCardData[] }) {
  return (
    <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4">
      {products.map((product, index) => (
        <li key={product.id}>
          <ProductCard product={product} priority={index < 4} />
        </li>
      ))}
    </ul>
  );
}
