// An admin page for a record that does not exist (an old link, a mistyped id): said inside the admin shell, with the
// way back to the lists, instead of the shop's "Back to the shop".
import Link from 'next/link';

const lists = [
  { href: '/admin/orders', label: 'Orders' },
  { href: '/admin/payments', label: 'Payments' },
  { href: '/admin/webhooks', label: 'Webhooks' },
  { href: '/admin/inventory', label: 'Inventory' },
  { href: '/admin/products', label: 'Products' },
  { href: '/admin/customers', label: 'Customers' },
];

export default function AdminNotFound() {
  return (
    <section aria-labelledby="admin-not-found" className="rounded-xl border border-stone-200 bg-white px-6 py-10 text-center">
      <h1 id="admin-not-found" className="text-lg font-semibold">
        Nothing here
      </h1>
      <p className="mt-1 text-sm text-stone-600">No record has this address: it may have been deleted, or the link is incomplete. Find it from its list.</p>
      <ul className="mt-4 flex flex-wrap justify-center gap-3 text-sm">
        {lists.map((list) => (
          <li key={list.href}>
            <Link href={list.href} className="font-medium text-brand-700 underline underline-offset-2">
              {list.label}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
