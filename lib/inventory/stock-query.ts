// What GET /api/stock accepts. Apart from the wording rule (shopper-stock.ts) because that one ships to the browser,
// and this one would bring zod with it.
import { z } from 'zod';

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
