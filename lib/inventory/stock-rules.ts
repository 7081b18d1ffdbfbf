// The arithmetic of an admin's stock correction and its limits: pure, so the form's preview and the use case that
// writes the row compute the same figure (and the browser bundle carries no database code).

export const ADJUST_MODES = ['set', 'add', 'remove'] as const;
export type AdjustMode = (typeof ADJUST_MODES)[number];

/** Largest on-hand figure the console accepts: a typo guard, far above any real shelf. */
export const MAX_STOCK_ON_HAND = 1_000_000;

export const MAX_LOW_STOCK_THRESHOLD = 10_000;

export interface StockLevels {
  stockOnHand: number;
  reserved: number;
  available: number;
  version: number;
}

/** The on-hand figure a correction asks for. */
export function targetOnHand(current: number, mode: AdjustMode, quantity: number): number {
  if (mode === 'set') return quantity;
  return mode === 'add' ? current + quantity : current - quantity;
}
