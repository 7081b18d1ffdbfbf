'use client';
// "Sold out" badges on pages the front may cache: rendered from the page's figure, then from GET /api/stock.
import { liveAvailable, type StockKind, useLiveStock } from './use-live-stock';

/**
 * Shown while every key has nothing left. `keys` is the whole list the page polls (all of a product's variants, or
 * every card of the grid), so the badges of one page share one request; `own` are the keys this badge sums.
 */
export function LiveSoldOutBadge({
  kind,
  keys,
  own,
  className,
}: {
  kind: StockKind;
  keys: string[];
  own: Array<{ key: string; available: number }>;
  className: string;
}) {
  const live = useLiveStock(kind, keys);
  const soldOut = own.every(({ key, available }) => liveAvailable(live, key, available) <= 0);
  return soldOut ? (
    <span className={className} data-testid="sold-out-badge">
      Sold out
    </span>
  ) : null;
}
