// Input schemas shared by the cart's server actions and its Store API route handlers. The client sends ids and
// quantities only: anything else it sends (a price, a total) is stripped and never read.
import { z } from 'zod';

/** Far above any per-line maximum: larger numbers are a broken or hostile client, not a shopper to clamp. */
export const MAX_REQUESTED_QUANTITY = 999;

const variantId = z.guid({ error: 'variantId must be a variant id' });
const quantity = z
  .number({ error: 'quantity must be a whole number' })
  .int({ error: 'quantity must be a whole number' })
  .min(1, { error: 'quantity must be at least 1' })
  .max(MAX_REQUESTED_QUANTITY, { error: `quantity must be at most ${MAX_REQUESTED_QUANTITY}` });

export const addToCartSchema = z.object({ variantId, quantity: quantity.default(1) });
/** The same add, posted by the product page's form before its JavaScript runs: every field arrives as text. */
export const addToCartFormSchema = z.object({ variantId, quantity: z.coerce.number().pipe(quantity).default(1) });
export const updateCartLineSchema = z.object({ variantId, quantity });
export const cartLineSchema = z.object({ variantId });
