'use client';
// The header's cart link with the number of items, from the shared ['cart'] query (so it moves with every change).
import Link from 'next/link';
import { useCart } from './use-cart';

export function CartBadge() {
  const { data } = useCart();
  const count = data?.itemCount ?? 0;
  const label = data ? `Cart, ${count} ${count === 1 ? 'item' : 'items'}` : 'Cart';
  return (
    <Link
      prefetch={false}
      href="/cart"
      aria-label={label}
      data-testid="cart-badge"
      className="relative inline-flex h-10 items-center gap-2 rounded-full border border-stone-300 px-4 text-sm font-medium hover:border-brand-600 hover:text-brand-700"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8">
        <path d="M3 4h2l2.4 11.2a2 2 0 0 0 2 1.6h7.8a2 2 0 0 0 2-1.5L21 8H6.2" strokeLinecap="round" strokeLinejoin="round" />
        <circle cx="10" cy="20" r="1.3" />
        <circle cx="17" cy="20" r="1.3" />
      </svg>
      <span className="hidden sm:inline">Cart</span>
      <span
        data-testid="cart-count"
        className={`min-w-6 rounded-full px-1.5 py-0.5 text-center text-xs font-semibold ${count > 0 ? 'bg-brand-700 text-white' : 'bg-stone-100 text-stone-600'}`}
      >
        {count}
      </span>
    </Link>
  );
}
