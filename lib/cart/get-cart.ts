// Reading a cart: stored quantities, priced and limited by the database. Lines that can no longer be bought as
// stored are corrected in both copies and reported once as notices.
import { errorText, log } from '../log';
import { err, ok, type Result } from '../core/result';
import { buildCartView, emptyCartView } from './cart-view';
import { CartStoreUnavailableError, clampLines, readCartQuantities, type CartDeps } from './cart-store';
import type { CartError, CartNotice, CartOwner, CartView } from './types';
import { loadCartLimits } from './own-holds';

/** The cart as it is now, with any notices from the change that preceded this read. */
export async function loadCartView(deps: CartDeps, owner: CartOwner, earlierNotices: CartNotice[] = []): Promise<CartView> {
  const quantities = await readCartQuantities(deps, owner);
  const limits = await loadCartLimits(deps, owner, Object.keys(quantities));
  const { view, corrections } = buildCartView(quantities, limits, earlierNotices);
  await clampLines(deps, owner, corrections);
  return view;
}

/** A Redis outage is an expected failure of the cart (503 `cart_unavailable`); anything else is a bug and throws. */
export async function whileStoreAvailable<T>(work: () => Promise<Result<T, CartError>>): Promise<Result<T, CartError>> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CartStoreUnavailableError) {
      // Logged: an outage and a broken script both land here, and only the cause tells them apart.
      log().error({ error: errorText(error.cause) }, 'cart: Redis command failed');
      return err({ code: 'cart_unavailable' });
    }
    throw error;
  }
}

/** No owner yet (a first visit without a cart cookie) is simply an empty cart: reading never issues a cookie. */
export async function getCart(deps: CartDeps, owner: CartOwner | null): Promise<Result<CartView, CartError>> {
  if (!owner) return ok(emptyCartView());
  return whileStoreAvailable(async () => ok(await loadCartView(deps, owner)));
}
