// GET /api/stock?variants=<id,…> | ?products=<slug,…> – live availability the cached catalogue pages poll
import { availabilityBySlug, availabilityByVariant } from '@/db/queries/catalog';
import { type LiveStock, liveStock } from '@/lib/inventory/shopper-stock';
import { stockQuerySchema } from '@/lib/inventory/stock-query';
import { apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

const answer = (keys: string[], units: Record<string, number>): Record<string, LiveStock> =>
  Object.fromEntries(keys.map((key) => [key, liveStock(units[key] ?? 0)]));

// Public and not rate limited: every open product page polls it about once a second, it reads no cookie, and each
// call is one indexed statement over at most MAX_STOCK_KEYS rows — cheaper than the Redis round trip a limit would add.
// no-store (apiJson): the front and browsers never keep an answer, so what a shopper sees follows the database.
export const GET = route({ name: 'api/stock', audience: 'public', sameOrigin: false, query: stockQuerySchema }, async ({ query, deps }) => {
  if (query.variants) return apiJson({ variants: answer(query.variants, await availabilityByVariant(deps.db, query.variants)) });
  const slugs = query.products ?? [];
  return apiJson({ products: answer(slugs, await availabilityBySlug(deps.db, slugs)) });
});
