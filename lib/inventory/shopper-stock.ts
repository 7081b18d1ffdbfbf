// What a shopper is told about stock, decided in one place: the product page's availability line, the cards' badges
// and GET /api/stock all use these, so a server-rendered first paint and the live figure the client polls can never
// word the same number differently. Pure (the browser bundle imports it).
import { z } from 'zod';

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

/** A page asks for one product's variants or one grid of cards; 50 covers both with room, and bounds the query. */
export const MAX_STOCK_KEYS = 50;

const commaList = (item: z.ZodType<string, string>, what: string) =>
  z
    .string()
    .transform((value) => [...new Set(value.split(','))])
    .pipe(z.array(item).min(1, `name at least one ${what}`).max(MAX_STOCK_KEYS, `at most ${MAX_STOCK_KEYS} ${what}s per request`));

/** `?variants=<uuid,…>` (the product page) or `?products=<slug,…>` (the cards), never both. */
export const stockQuerySchema = z
  .strictObject(
    {
      variants: commaList(z.uuid({ error: 'variants must be variant ids (UUIDs), comma-separated' }), 'variant').optional(),
      products: commaList(z.string().regex(/^[a-z0-9][a-z0-9-]{0,119}$/, 'products must be product slugs, comma-separated'), 'product').optional(),
    },
    { error: 'only variants or products may be given' },
  )
  .refine((query) => (query.variants === undefined) !== (query.products === undefined), 'give either variants or products (comma-separated), not both');

export type StockQuery = z.output<typeof stockQuerySchema>;
