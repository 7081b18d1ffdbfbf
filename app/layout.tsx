import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import { SiteFooter } from '@/components/site-footer';
import { MergeNoticesBanner } from '@/components/cart/merge-notices';
import { SiteHeader } from '@/components/site-header';
import { env } from '@/lib/core/env';
import { getShopSettings } from '@/lib/server/deps/shop-settings';
import './globals.css';

const description = 'Lagos-made clothing, footwear and homeware, paid for securely with Paystack.';

// A function (not a constant) so the base URL is read from the running server's environment, not the build's, and the
// shop's name from its settings (/admin/settings; cached, dropped on every save).
export async function generateMetadata(): Promise<Metadata> {
  const siteName = (await getShopSettings()).settings.name;
  return {
    metadataBase: new URL(env().NEXTAUTH_URL),
    title: { default: siteName, template: `%s · ${siteName}` },
    description,
    openGraph: { siteName, type: 'website', locale: 'en_NG' },
  };
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-NG">
      <body className="min-h-screen font-sans">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        {/* Providers wrap the header too: the cart badge reads the cart through React Query. */}
        <Providers>
          <SiteHeader />
          <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
            {/* Empty unless the shopper just signed in and the merge changed their cart (read once, in the browser). */}
            <MergeNoticesBanner />
            {children}
          </main>
          <SiteFooter />
        </Providers>
      </body>
    </html>
  );
}
