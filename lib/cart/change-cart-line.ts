// Changing a line's quantity, removing a line, clearing the cart. Removal and clearing are idempotent: removing a
// line that is not there leaves the cart as it is and is not an error.
import { err, ok, type Result } from '../core/result';
import { clearLines, removeLine, setLine, type CartDeps } from './cart-store';
import { emptyCartView } from './cart-view';
import { loadCartView, whileStoreAvailable } from './get-cart';
import type { CartError, CartNotice, CartOwner, CartView } from './types';
import { loadCartLimits } from './own-holds';
import { displayTitle, lineCap } from './variant-limits';

type CartResult = Promise<Result<CartView, CartError>>;

/** Sets a line to `quantity`, clamped to 1..min(per-line maximum, available), with a notice when clamped. */
export async function updateCartLine(deps: CartDeps, owner: CartOwner | null, input: { variantId: string; quantity: number }): CartResult {
  if (!owner) return err({ code: 'line_not_found', variantId: input.variantId });
  const variant = (await loadCartLimits(deps, owner, [input.variantId])).get(input.variantId);
  if (!variant) return err({ code: 'variant_not_found' });
  const cap = lineCap(variant);
  const title = displayTitle(variant);
  if (cap <= 0) return err({ code: 'out_of_stock', variantId: input.variantId, title });

  const allowed = Math.max(1, Math.min(input.quantity, cap));
  return whileStoreAvailable(async () => {
    if (!(await setLine(deps, owner, input.variantId, allowed))) return err({ code: 'line_not_found', variantId: input.variantId });
    const notices: CartNotice[] = allowed < input.quantity ? [{ kind: 'clamped', variantId: input.variantId, title, requested: input.quantity, allowed }] : [];
    return ok(await loadCartView(deps, owner, notices));
  });
}

export async function removeCartLine(deps: CartDeps, owner: CartOwner | null, input: { variantId: string }): CartResult {
  if (!owner) return ok(emptyCartView());
  return whileStoreAvailable(async () => {
    await removeLine(deps, owner, input.variantId);
    return ok(await loadCartView(deps, owner));
  });
}

export async function clearCart(deps: CartDeps, owner: CartOwner | null): CartResult {
  if (!owner) return ok(emptyCartView());
  return whileStoreAvailable(async () => {
    await clearLines(deps, owner);
    return ok(emptyCartView());
  });
}
