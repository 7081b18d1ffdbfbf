// What a shopper is told about stock, decided in one place: the product page's availability line, the cards' badges
// and GET /api/stock all use these, so a server-rendered first paint and the live figure the client polls can never
// word the same number differently. Pure (the browser bundle imports it).
/** At or below this many units a shopper reads "Only N left". */
export const LOW_STOCK_THRESHOLD = 3;

export type StockState = 'in_stock' | 'low' | 'sold_out';

export interface LiveStock {
  /** Stock on hand minus reserved, never below zero; 0 for an archived, withdrawn or unknown variant. */
  available: number;
  state: StockState;
}

export function stockState(available: number): StockState {
  if (available <= 0) return 'sold_out';
  return available <= LOW_STOCK_THRESHOLD ? 'low' : 'in_stock';
}

export function stockLabel(available: number): string {
  const state = stockState(available);
  if (state === 'sold_out') return 'Sold out';
  return state === 'low' ? `Only ${available} left` : 'In stock';
}

export function liveStock(available: number): LiveStock {
  const units = Math.max(0, available);
  return { available: units, state: stockState(units) };
}
