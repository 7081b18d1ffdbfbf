'use client';
// Client-side providers for the whole app. One QueryClient per browser tab (created once, not per render), so the
// cart badge, the cart page and add-to-cart buttons share the ['cart'] cache.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';

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
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
