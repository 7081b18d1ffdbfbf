import Link from 'next/link';

export function SiteHeader() {
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between px-4 sm:px-6">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          Paystack Commerce
        </Link>
        <nav aria-label="Main" className="flex gap-6 text-sm font-medium text-stone-700">
          <Link href="/" className="hover:text-brand-700">
            Shop
          </Link>
        </nav>
      </div>
    </header>
  );
}
