// The product behind a URL slug — cached static data plus live variants — shared by the layout's existence
// check, the metadata and the page (React's per-request cache makes that one read of each).
import 'server-only';
import { z } from 'zod';
import { getProduct, getVariantOffers } from '@/lib/server/deps/catalog';

const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,119}$/);

export async function loadProduct(slug: string) {
  if (!slugSchema.safeParse(slug).success) return null;
  const [product, offers] = await Promise.all([getProduct(slug), getVariantOffers(slug)]);
  // No live variants means withdrawn since the cache was filled: gone, whatever the cache says.
  return product && offers.length > 0 ? { product, offers } : null;
}
