// The cart as the shop shows it. Prices and totals always come from the database, never from the client.
import type { Money } from '../core/money';

/** Who owns a cart: a guest (random session id in an httpOnly cookie) or a signed-in user. */
export type CartOwner = { kind: 'guest'; sessionId: string } | { kind: 'user'; userId: string };

export interface CartLine {
  variantId: string;
  productId: string;
  productSlug: string;
  productTitle: string;
  variantTitle: string;
  sku: string;
  imageUrl: string | null;
  unitPrice: Money;
  quantity: number;
  lineTotal: Money;
  /** Units that can still be bought now: stock on hand minus reserved. */
  available: number;
  /** The most this line may hold: min(per-order maximum, available). */
  maxQuantity: number;
}

export type CartNotice =
  | {
      kind: 'clamped';
      variantId: string;
      title: string;
      requested: number;
      allowed: number;
      /** Why it is not more: what is in stock, or the most one order may take (set where it is known: the merge). */
      reason?: 'in_stock' | 'per_order';
    }
  | { kind: 'removed_unavailable'; variantId: string; title: string };

export interface CartView {
  lines: CartLine[];
  itemCount: number;
  subtotal: Money;
  notices: CartNotice[];
}

export type CartError =
  | { code: 'variant_not_found' }
  | { code: 'line_not_found'; variantId: string }
  | { code: 'out_of_stock'; variantId: string; title: string }
  | { code: 'invalid_input'; message: string }
  | { code: 'cart_unavailable' };

/** What every cart server action resolves to (the Store API answers the same view as JSON). */
export type CartActionResult = { ok: true; cart: CartView } | { ok: false; code: CartError['code']; message: string };

/** Variant id → quantity: the shape of a cart in Redis and of the pure merge maths. */
export type CartQuantities = Record<string, number>;
