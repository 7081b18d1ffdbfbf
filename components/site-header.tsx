// The shop's header: logo, search, account and cart on one row; category navigation on the next. On small
// screens the search takes its own full-width row and the categories scroll sideways instead of wrapping.
import Link from 'next/link';
import { UserMenu } from '@/components/auth/user-menu';
import { CartBadge } from '@/components/cart/cart-badge';
import { CategoryNav } from '@/components/catalog/category-nav';
import { SearchForm } from '@/components/catalog/search-form';
import { getCategories } from '@/lib/server/deps/catalog';
import { getShopSettings } from '@/lib/server/deps/shop-settings';

export async function SiteHeader() {
  const [categories, { settings }] = await Promise.all([getCategories(), getShopSettings()]);
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto max-w-6xl px-4 sm:px-6">
        <div className="flex min-h-16 flex-wrap items-center gap-x-4 gap-y-2 py-3">
          <Link prefetch={false} href="/" className="text-lg font-semibold tracking-tight">
            {settings.name}
          </Link>
          <SearchForm id="header-search" className="order-last w-full md:order-none md:ml-6 md:w-auto md:flex-1 md:max-w-md" />
          <div className="ml-auto flex items-center gap-3">
            {/* Personal, so read by the client (the page itself is shared through the front's cache); both keep their size while loading. */}
            <UserMenu />
            <CartBadge />
          </div>
        </div>
        <div className="pb-2">
          <CategoryNav categories={categories} />
        </div>
      </div>
    </header>
  );
}
