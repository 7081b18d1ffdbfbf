// Adding units of a variant to a cart, clamped to what one line may hold.
//
// What "the right total" means under concurrency: the line must end at min(q0 + Σ adds, cap), where q0 is the
// quantity before the burst and cap = min(max_per_order, available) as read from Postgres. The Redis script does
// HINCRBY and the clamp in one atomic step, and min(min(q + a, cap) + b, cap) = min(q + a + b, cap) for a, b ≥ 0,
// so any interleaving of N concurrent adds gives that same number — nothing is lost (as a GET-then-SET would lose)
// and the cap is never exceeded. The Postgres copy applies the same arithmetic in one upsert
// (quantity = LEAST(quantity + a, cap)), so both copies converge to the same value. (If availability changes in the
// middle of a burst, each add clamps to the cap it read; the next read clamps the line again.)
import { err, ok, type Result } from '../core/result';
import { addToLine, type CartDeps } from './cart-store';
import { loadCartView, whileStoreAvailable } from './get-cart';
import type { CartError, CartNotice, CartOwner, CartView } from './types';
import { loadCartLimits } from './own-holds';
import { displayTitle, lineCap, loadVariantLimits } from './variant-limits';
import { buildCartView } from './cart-view';

export interface AddToCartInput {
  variantId: string;
  quantity: number;
}

/**
 * `newCart`: the cart was opened by this very request (a guest's first add). It holds nothing else and its owner has
 * no checkout yet, so the limits are the variant's own and the view after the add is that one line: no second read
 * of Redis or Postgres (half the work of a first add, the commonest cart write).
 */
export async function addToCart(
  deps: CartDeps,
  owner: CartOwner,
  input: AddToCartInput,
  opts: { newCart?: boolean } = {},
): Promise<Result<CartView, CartError>> {
  const limits = opts.newCart ? await loadVariantLimits(deps.db, [input.variantId]) : await loadCartLimits(deps, owner, [input.variantId]);
  const variant = limits.get(input.variantId);
  if (!variant) return err({ code: 'variant_not_found' });
  const cap = lineCap(variant);
  const title = displayTitle(variant);
  if (cap <= 0) return err({ code: 'out_of_stock', variantId: input.variantId, title });

  return whileStoreAvailable(async () => {
    const { quantity, requested } = await addToLine(deps, owner, input.variantId, input.quantity, cap);
    const notices: CartNotice[] = requested > quantity ? [{ kind: 'clamped', variantId: input.variantId, title, requested, allowed: quantity }] : [];
    if (opts.newCart) return ok(buildCartView({ [input.variantId]: quantity }, limits, notices).view);
    return ok(await loadCartView(deps, owner, notices));
  });
}
