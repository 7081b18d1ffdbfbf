// What the cart will probably look like after a change, shown until the server answers with the real cart (which
// always replaces it: prices and limits come only from the server). Pure, so it is unit-tested.
import { addMoney, money, multiplyMoney } from '@/lib/core/money';
import type { CartLine, CartView } from '@/lib/cart/types';

function withLines(cart: CartView, lines: CartLine[]): CartView {
  const currency = cart.subtotal.currency;
  return {
    lines,
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    subtotal: lines.reduce((sum, line) => addMoney(sum, line.lineTotal), money(0, currency)),
    notices: [],
  };
}

/** Sets a line's quantity, kept within 1..maxQuantity as the server would. */
export function withLineQuantity(cart: CartView, variantId: string, quantity: number): CartView {
  return withLines(
    cart,
    cart.lines.map((line) => {
      if (line.variantId !== variantId) return line;
      const next = Math.max(1, Math.min(quantity, line.maxQuantity));
      return { ...line, quantity: next, lineTotal: multiplyMoney(line.unitPrice, next) };
    }),
  );
}

export function withoutLine(cart: CartView, variantId: string): CartView {
  return withLines(
    cart,
    cart.lines.filter((line) => line.variantId !== variantId),
  );
}

/**
 * Adds units. A line already in the cart grows (within its maximum); a new variant's price is not known here, so
 * only the item count moves until the server's cart arrives.
 */
export function withAddedUnits(cart: CartView, variantId: string, quantity: number): CartView {
  const line = cart.lines.find((candidate) => candidate.variantId === variantId);
  if (line) return withLineQuantity(cart, variantId, line.quantity + quantity);
  return { ...cart, itemCount: cart.itemCount + quantity, notices: [] };
}

export function emptied(cart: CartView): CartView {
  return withLines(cart, []);
}
