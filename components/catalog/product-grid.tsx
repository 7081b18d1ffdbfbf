import type { ProductCard as ProductCardData } from '@/db/queries/catalog';
import { ProductCard } from './product-card';

/**
 * The first row loads eagerly: it is above the fold on every screen size. Card titles are h3 under a section heading
 * (the home page's "Featured products"), h2 on a listing or search page whose grid follows the h1 directly.
 */
export function ProductGrid({ products, headingLevel = 3 }: { products: ProductCardData[]; headingLevel?: 2 | 3 }) {
  return (
    <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4">
      {products.map((product, index) => (
        <li key={product.id}>
          <ProductCard product={product} priority={index < 4} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
