// Turns stored quantities into the cart the shopper sees, priced from the database. Pure: it also says which stored
// lines must be corrected (clamped or dropped) so the caller can write that back.
import { addMoney, money, multiplyMoney, type CurrencyCode } from '../core/money';
import type { CartLine, CartNotice, CartQuantities, CartView } from './types';
import { displayTitle, lineCap, type VariantLimits } from './variant-limits';

export interface BuiltCart {
  view: CartView;
  /** Variant → the quantity its line must be lowered to; 0 means remove the line. */
  corrections: Map<string, number>;
}

export function emptyCartView(currency: CurrencyCode = 'NGN', notices: CartNotice[] = []): CartView {
  return { lines: [], itemCount: 0, subtotal: money(0, currency), notices };
}

export function buildCartView(quantities: CartQuantities, limits: ReadonlyMap<string, VariantLimits>, earlierNotices: CartNotice[] = []): BuiltCart {
  const lines: CartLine[] = [];
  const notices = [...earlierNotices];
  const corrections = new Map<string, number>();

  for (const [variantId, stored] of Object.entries(quantities)) {
    const variant = limits.get(variantId);
    if (!Number.isSafeInteger(stored) || stored <= 0) {
      corrections.set(variantId, 0); // corrupt entry: nothing a shopper asked for, so no notice
      continue;
    }
    const cap = variant ? lineCap(variant) : 0;
    if (!variant || cap <= 0) {
      corrections.set(variantId, 0);
      notices.push({ kind: 'removed_unavailable', variantId, title: variant ? displayTitle(variant) : 'An item no longer sold' });
      continue;
    }
    const quantity = Math.min(stored, cap);
    if (quantity < stored) {
      corrections.set(variantId, quantity);
      notices.push({ kind: 'clamped', variantId, title: displayTitle(variant), requested: stored, allowed: quantity });
    }
    const unitPrice = money(variant.priceAmount, variant.currency);
    lines.push({
      variantId,
      productId: variant.productId,
      productSlug: variant.productSlug,
      productTitle: variant.productTitle,
      variantTitle: variant.variantTitle,
      sku: variant.sku,
      imageUrl: variant.imageUrl,
      unitPrice,
      quantity,
      lineTotal: multiplyMoney(unitPrice, quantity),
      available: variant.available,
      maxQuantity: cap,
    });
  }

  // Redis keeps no order; a stable alphabetical order keeps lines from jumping around between renders.
  lines.sort((a, b) => a.productTitle.localeCompare(b.productTitle) || a.variantTitle.localeCompare(b.variantTitle));
  const currency = lines[0]?.unitPrice.currency ?? 'NGN';
  const subtotal = lines.reduce((sum, line) => addMoney(sum, line.lineTotal), money(0, currency));
  const itemCount = lines.reduce((sum, line) => sum + line.quantity, 0);
  return { view: { lines, itemCount, subtotal, notices: dedupeNotices(notices) }, corrections };
}

/** One notice per variant and kind: an add that was clamped and the read after it must not say it twice. */
function dedupeNotices(notices: CartNotice[]): CartNotice[] {
  const seen = new Set<string>();
  return notices.filter((notice) => {
    const key = `${notice.kind}:${notice.variantId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
