// The account's sections, as links (a server component: no state).
import Link from 'next/link';

const sections = [
  { href: '/account', label: 'Profile' },
  { href: '/account/orders', label: 'Orders' },
  { href: '/account/addresses', label: 'Addresses' },
  { href: '/account/password', label: 'Password' },
] as const;

export function AccountNav({ current }: { current: (typeof sections)[number]['href'] }) {
  return (
    <nav aria-label="Your account" className="flex flex-wrap gap-2 text-sm">
      {sections.map((section) => (
        <Link
          key={section.href}
          href={section.href}
          aria-current={section.href === current ? 'page' : undefined}
          className="rounded-full border border-stone-300 px-3 py-1 font-medium text-stone-700 hover:border-brand-600 hover:text-brand-700 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-800"
        >
          {section.label}
        </Link>
      ))}
    </nav>
  );
}
