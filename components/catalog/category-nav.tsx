'use client';

// Client only to mark the current section (aria-current) from the pathname; the links themselves are plain.
import Link from 'next/link';
import { usePathname } from 'next/navigation';

export function CategoryNav({ categories }: { categories: Array<{ slug: string; name: string }> }) {
  const pathname = usePathname();
  const links = [{ href: '/products', name: 'All products' }, ...categories.map((c) => ({ href: `/category/${c.slug}`, name: c.name }))];
  return (
    <nav aria-label="Categories" className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <ul className="flex gap-1 whitespace-nowrap text-sm font-medium text-stone-700">
        {links.map((link) => {
          const current = pathname === link.href;
          return (
            <li key={link.href}>
              <Link
                prefetch={false}
                href={link.href}
                aria-current={current ? 'page' : undefined}
                className={`inline-flex min-h-10 items-center rounded-lg px-3 hover:bg-stone-100 hover:text-stone-900 ${current ? 'bg-stone-100 text-stone-900' : ''}`}
              >
                {link.name}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
