import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site-header';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Paystack Commerce', template: '%s · Paystack Commerce' },
  description: 'Lagos-made clothing, footwear and homeware, paid for securely with Paystack.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-NG">
      <body className="min-h-screen font-sans">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
          {children}
        </main>
        <footer className="border-t border-stone-200 py-8 text-center text-sm text-stone-500">
          Payments processed by Paystack. Prices in Nigerian naira, VAT included.
        </footer>
      </body>
    </html>
  );
}
