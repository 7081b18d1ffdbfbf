'use client';
// Live availability for a page the front may have cached: the server-rendered figure is the first paint, then
// GET /api/stock (no-store) every second while the tab is visible and again on focus, and the live figure wins.
// Components that ask for the same keys share one query (React Query dedupes by key), so a product page polls once.
import { useQuery } from '@tanstack/react-query';
import type { LiveStock } from '@/lib/inventory/shopper-stock';
import { nextTask } from '../next-task';

export type StockKind = 'variants' | 'products';

/** Under a second apart: a sold-out variant must stop being offered within a second of the database saying so (interval + one request). */
export const STOCK_REFRESH_MS = 750;

async function fetchStock(kind: StockKind, keys: string): Promise<Record<string, LiveStock>> {
  await nextTask();
  const response = await fetch(`/api/stock?${kind}=${encodeURIComponent(keys)}`, { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) throw new Error(`stock request answered ${response.status}`);
  const body = (await response.json()) as Partial<Record<StockKind, Record<string, LiveStock>>>;
  return body[kind] ?? {};
}

/** Units available per key (variant id or product slug), or undefined until the first answer (keep the page's own). */
export function useLiveStock(kind: StockKind, keys: readonly string[]): Record<string, LiveStock> | undefined {
  const joined = keys.join(',');
  const { data } = useQuery({
    queryKey: ['stock', kind, joined],
    queryFn: () => fetchStock(kind, joined),
    enabled: keys.length > 0,
    staleTime: 0,
    refetchInterval: STOCK_REFRESH_MS,
    // React Query pauses the interval while the tab is hidden, and refetches when it comes back into focus.
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: 'always',
    // A failed poll keeps the last figure on screen; the next tick tries again.
    retry: false,
  });
  return data;
}

/** `available` with the live figure for `key` when there is one. */
export function liveAvailable(live: Record<string, LiveStock> | undefined, key: string, rendered: number): number {
  return live?.[key]?.available ?? rendered;
}
