'use client';
// The admin sections; the current one is marked for screen readers (aria-current) and by its style.
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const section = (href: string, label: string) => ({ href, label, matches: (path: string) => path === href || path.startsWith(`${href}/`) });

const sections = [
  { href: '/admin', label: 'Dashboard', matches: (path: string) => path === '/admin' },
  section('/admin/orders', 'Orders'),
  section('/admin/payments', 'Payments'),
  section('/admin/disputes', 'Disputes'),
  section('/admin/webhooks', 'Webhooks'),
  section('/admin/inventory', 'Inventory'),
  section('/admin/products', 'Products'),
  section('/admin/discounts', 'Discounts'),
  section('/admin/customers', 'Customers'),
  section('/admin/jobs', 'Jobs'),
  section('/admin/audit', 'Audit log'),
  section('/admin/settings', 'Settings'),
];

export function AdminNav() {
  const path = usePathname();
  return (
    <nav aria-label="Admin" className="flex flex-wrap gap-1 text-sm font-medium">
      {sections.map((section) => {
        const current = section.matches(path);
        return (
          <Link
            key={section.href}
            href={section.href}
            aria-current={current ? 'page' : undefined}
            className={`rounded-lg px-3 py-1.5 ${current ? 'bg-stone-900 text-white' : 'text-brand-700 hover:bg-stone-100'}`}
          >
            {section.label}
          </Link>
        );
      })}
    </nav>
  );
}
