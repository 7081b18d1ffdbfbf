'use client';
// Client-side providers for the whole app. One QueryClient per browser tab (created once, not per render), so the
// cart badge, the cart page and add-to-cart buttons share the ['cart'] cache.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          // Server-rendered data is fresh for a moment; refetch on focus keeps a cart changed in another tab honest.
          queries: { staleTime: 30_000, refetchOnWindowFocus: true, retry: 1 },
          mutations: { retry: false },
        },
      }),
  );
  // The page is live: catalogue pages load their scripts after the first paint (lib/server/fast-lane/paint-first.ts),
  // and tools that act on a page (the e2e fixtures) wait for this mark rather than guess.
  useEffect(() => document.documentElement.setAttribute('data-hydrated', ''), []);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
