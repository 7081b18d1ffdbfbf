// A shopper's own pending order holds stock that their cart still lists (the cart empties only once payment lands).
// Counting that hold as "taken" would make the cart shrink or drop the very lines being paid for, and a second
// submission would no longer match the first; so, for the cart's owner, units held by their live checkout count
// as available again.
import { and, eq, gt, sql } from 'drizzle-orm';
import { inventoryReservations, orders } from '../../db/schema';
import { readCheckoutAttempt } from '../checkout/checkout-attempt';
import type { CartDeps } from './cart-store';
import type { CartOwner } from './types';
import { loadVariantLimits, type VariantLimits } from './variant-limits';

export async function ownHeldUnits(deps: CartDeps, owner: CartOwner): Promise<Map<string, number>> {
  const attempt = await (deps.knownCheckoutAttempt ?? readCheckoutAttempt(deps.redis, owner));
  if (!attempt) return new Map();
  const rows = await deps.db
    .select({ variantId: inventoryReservations.variantId, quantity: inventoryReservations.quantity })
    .from(inventoryReservations)
    .innerJoin(orders, eq(orders.id, inventoryReservations.orderId))
    .where(
      and(
        eq(inventoryReservations.orderId, attempt.orderId),
        eq(inventoryReservations.status, 'active'),
        gt(inventoryReservations.reservedUntil, sql`now()`),
        eq(orders.status, 'pending_payment'),
      ),
    );
  return new Map(rows.map((row) => [row.variantId, row.quantity]));
}

/** Variant limits as this owner's cart sees them: live availability plus what the owner's own checkout holds. */
export async function loadCartLimits(deps: CartDeps, owner: CartOwner, variantIds: readonly string[]): Promise<Map<string, VariantLimits>> {
  const [limits, held] = await Promise.all([loadVariantLimits(deps.db, variantIds), ownHeldUnits(deps, owner)]);
  for (const [variantId, quantity] of held) {
    const variant = limits.get(variantId);
    if (variant) limits.set(variantId, { ...variant, available: variant.available + quantity });
  }
  return limits;
}
