'use client';

// Client to mark the current section (aria-current) from the pathname, and to show that the row scrolls: on a phone the
// categories run past the screen's edge, so a fade with an arrow marks the side that has more (and goes once the end is
// reached). The hint is decoration (aria-hidden, lets taps through): keyboard users reach every link with Tab, which
// scrolls it into view, and screen readers read the whole list.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';

type Overflow = { before: boolean; after: boolean };

export function CategoryNav({ categories }: { categories: Array<{ slug: string; name: string }> }) {
  const pathname = usePathname();
  const scroller = useRef<HTMLElement>(null);
  // Until measured, assume a phone's overflow to the right (the row starts at its beginning); desktop corrects at once.
  const [overflow, setOverflow] = useState<Overflow>({ before: false, after: true });
  const measure = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    const slack = 2; // sub-pixel rounding
    setOverflow({
      before: element.scrollLeft > slack,
      after: element.scrollLeft + element.clientWidth < element.scrollWidth - slack,
    });
  }, []);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [measure]);

  const links = [{ href: '/products', name: 'All products' }, ...categories.map((c) => ({ href: `/category/${c.slug}`, name: c.name }))];
  const fade = 'pointer-events-none absolute inset-y-0 flex w-12 items-center from-white via-white/90 to-transparent transition-opacity';
  return (
    <div className="relative -mx-4 sm:mx-0" data-testid="category-nav">
      <nav ref={scroller} aria-label="Categories" onScroll={measure} className="overflow-x-auto px-4 [scrollbar-width:none] sm:px-0">
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
      <div
        aria-hidden="true"
        data-testid="category-nav-more-before"
        className={`${fade} left-0 justify-start bg-gradient-to-r pl-1 ${overflow.before ? 'opacity-100' : 'opacity-0'}`}
      >
        <span className="text-lg leading-none text-stone-500">‹</span>
      </div>
      <div
        aria-hidden="true"
        data-testid="category-nav-more"
        data-visible={overflow.after}
        className={`${fade} right-0 justify-end bg-gradient-to-l pr-1 ${overflow.after ? 'opacity-100' : 'opacity-0'}`}
      >
        <span className="text-lg leading-none text-stone-500">›</span>
      </div>
    </div>
  );
}
