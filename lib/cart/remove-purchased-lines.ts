// After payment the cart gives up what was bought — and only that: anything the shopper added after starting
// checkout (in another tab, say) stays in the cart.
import { ok, type Result } from '../core/result';
import { readCartQuantities, removeLine, setLine, type CartDeps } from './cart-store';
import { loadCartView, whileStoreAvailable } from './get-cart';
import type { CartError, CartOwner, CartView } from './types';

export async function removePurchasedLines(
  deps: CartDeps,
  owner: CartOwner,
  purchased: ReadonlyArray<{ variantId: string; quantity: number }>,
): Promise<Result<CartView, CartError>> {
  return whileStoreAvailable(async () => {
    const current = await readCartQuantities(deps, owner);
    for (const line of purchased) {
      const held = current[line.variantId] ?? 0;
      if (held === 0) continue;
      if (held <= line.quantity) await removeLine(deps, owner, line.variantId);
      else await setLine(deps, owner, line.variantId, held - line.quantity);
    }
    return ok(await loadCartView(deps, owner));
  });
}
