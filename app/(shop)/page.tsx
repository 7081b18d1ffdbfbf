// GET / – the shop front: categories and featured products
import Link from 'next/link';
import { ProductGrid } from '@/components/catalog/product-grid';
import { getCategories, getFeaturedProducts } from '@/lib/server/deps/catalog';

export default async function HomePage() {
  const [products, categories] = await Promise.all([getFeaturedProducts(12), getCategories()]);
  return (
    <div className="space-y-12">
      <section className="rounded-2xl bg-brand-700 px-6 py-12 text-white sm:px-10">
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Made in Lagos, delivered nationwide</h1>
        <p className="mt-3 max-w-xl text-brand-50">Adire shirts, leather sandals, woven baskets and more from independent makers.</p>
        <Link
          prefetch={false}
          href="/products"
          className="mt-6 inline-flex min-h-11 items-center rounded-lg bg-white px-5 font-medium text-brand-700 hover:bg-brand-50"
        >
          Shop all products
        </Link>
      </section>

      <section aria-labelledby="categories-heading">
        <h2 id="categories-heading" className="text-xl font-semibold">
          Shop by category
        </h2>
        <ul className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
          {categories.map((category) => (
            <li
              key={category.slug}
              className="relative rounded-xl border border-stone-200 bg-white p-4 focus-within:ring-2 focus-within:ring-brand-600 hover:border-stone-400"
            >
              <Link prefetch={false} href={`/category/${category.slug}`} className="font-medium after:absolute after:inset-0 focus-visible:outline-none">
                {category.name}
              </Link>
              <p className="mt-1 text-sm text-stone-500">{category.description}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="featured-heading">
        <h2 id="featured-heading" className="text-xl font-semibold">
          Featured products
        </h2>
        {products.length === 0 ? (
          <p className="mt-4 text-stone-500">No products yet. Run the seed (`npm run db:seed`) or add products in the admin.</p>
        ) : (
          <div className="mt-4">
            <ProductGrid products={products} prioritizeFirstRow={false} />
          </div>
        )}
      </section>
    </div>
  );
}
