// The arithmetic of diagram 5, apart from any I/O so it can be tested as a table: guest lines are added onto the
// user's lines, every line is clamped to what can be bought now, and lines that cannot be bought are dropped.
import type { CartNotice, CartQuantities } from './types';
import { displayTitle, lineCap, type VariantLimits } from './variant-limits';

export interface MergedCart {
  quantities: CartQuantities;
  notices: CartNotice[];
}

/**
 * For each guest line: add its quantity if the variant is already in the user's cart, else add the line. Then clamp
 * every line to min(per-line maximum, available); a variant that is unknown, archived or sold out is dropped with a
 * notice. Non-positive or non-integer quantities (corrupt data) are ignored rather than trusted.
 */
export function mergeCartLines(
  user: CartQuantities,
  guest: CartQuantities,
  limits: ReadonlyMap<string, Pick<VariantLimits, 'available' | 'maxPerOrder' | 'purchasable' | 'productTitle' | 'variantTitle'>>,
): MergedCart {
  const wanted = new Map<string, number>();
  for (const side of [user, guest]) {
    for (const [variantId, quantity] of Object.entries(side)) {
      if (!Number.isSafeInteger(quantity) || quantity <= 0) continue;
      wanted.set(variantId, (wanted.get(variantId) ?? 0) + quantity);
    }
  }

  const quantities: CartQuantities = {};
  const notices: CartNotice[] = [];
  for (const [variantId, requested] of wanted) {
    const variant = limits.get(variantId);
    const cap = variant ? lineCap(variant) : 0;
    const title = variant ? displayTitle(variant) : 'An item';
    if (cap <= 0) {
      notices.push({ kind: 'removed_unavailable', variantId, title });
      continue;
    }
    const allowed = Math.min(requested, cap);
    if (allowed < requested) {
      // The smaller of the two limits is the reason the shopper reads.
      const reason = variant && variant.available <= variant.maxPerOrder ? ('in_stock' as const) : ('per_order' as const);
      notices.push({ kind: 'clamped', variantId, title, requested, allowed, reason });
    }
    quantities[variantId] = allowed;
  }
  return { quantities, notices };
}
