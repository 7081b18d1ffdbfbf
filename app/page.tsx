import { db } from '@/db';
import { listCategories, listFeaturedProducts } from '@/db/queries/catalog';
import { ProductCard } from '@/components/catalog/product-card';

// Stock changes with every order: render per request until catalogue cache tags arrive with the storefront.
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const [products, categories] = await Promise.all([listFeaturedProducts(db, 12), listCategories(db)]);
  return (
    <div className="space-y-12">
      <section className="rounded-2xl bg-brand-700 px-6 py-12 text-white sm:px-10">
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Made in Lagos, delivered nationwide</h1>
        <p className="mt-3 max-w-xl text-brand-50">Adire shirts, leather sandals, woven baskets and more from independent makers.</p>
      </section>

      <section aria-labelledby="categories-heading">
        <h2 id="categories-heading" className="text-xl font-semibold">Shop by category</h2>
        <ul className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
          {categories.map((category) => (
            <li key={category.slug} className="rounded-xl border border-stone-200 bg-white p-4">
              <p className="font-medium">{category.name}</p>
              <p className="mt-1 text-sm text-stone-500">{category.description}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="featured-heading">
        <h2 id="featured-heading" className="text-xl font-semibold">Featured products</h2>
        {products.length === 0 ? (
          <p className="mt-4 text-stone-500">No products yet. Run the seed (`npm run db:seed`) or add products in the admin.</p>
        ) : (
          <div className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4">
            {products.map((product) => (
              <ProductCard key={product.id} product={product} />
            ))}
          </div>
        )}
      </section>
    </div>
  );
}
