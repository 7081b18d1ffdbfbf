import type { ProductCard as ProductCardData } from '@/db/queries/catalog';
import { ProductCard } from './product-card';

/**
 * On a listing or search page the first row is above the fold on every screen size and the largest paint on a phone:
 * it loads eagerly at high priority (`prioritizeFirstRow`, the default). Under the home page's hero and categories it is
 * below the fold on a phone, so there it loads like the rest. Card titles are h3 under a section heading
 * (the home page's "Featured products"), h2 on a listing or search page whose grid follows the h1 directly.
 */
export function ProductGrid({
  products,
  headingLevel = 3,
  prioritizeFirstRow = true,
}: {
  products: ProductCardData[];
  headingLevel?: 2 | 3;
  prioritizeFirstRow?: boolean;
}) {
  const slugs = products.map((product) => product.slug);
  return (
    <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4">
      {products.map((product, index) => (
        <li key={product.id}>
          <ProductCard product={product} gridSlugs={slugs} priority={prioritizeFirstRow && index < 4} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
