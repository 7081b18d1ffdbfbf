// The checkout form's Apply button: would this code apply to the shopper's cart as it is now, and for how much? Read
// only — nothing is held or counted; placing the order decides again under the code's lock (claim-discount.ts), so
// a code that runs out in between is refused then, with the same words.
import { getCart } from '../cart/get-cart';
import type { CartDeps } from '../cart/cart-store';
import type { CartOwner } from '../cart/types';
import { money, type Money } from '../core/money';
import { err, ok, type Result } from '../core/result';
import { previewDiscount } from '../discounts/claim-discount';
import type { DiscountRefusal } from '../discounts/discount-rules';
import { orderTotals, type VatRule } from './order-totals';

export interface CouponPreview {
  /** As the shop spells it. */
  code: string;
  discount: Money;
  total: Money;
}

export type CouponPreviewError = { code: 'cart_empty' } | { code: 'cart_unavailable' } | { code: 'discount_refused'; refusal: DiscountRefusal };

export async function previewCoupon(
  deps: CartDeps,
  owner: CartOwner | null,
  /** `shipping`: the chosen option's fee as the server's settings give it for the address (0 while none is chosen). */
  input: { couponCode: string; shipping: Money; vat: VatRule; email: string | null },
): Promise<Result<CouponPreview, CouponPreviewError>> {
  const cart = await getCart(deps, owner);
  if (!cart.ok) return err({ code: 'cart_unavailable' });
  if (cart.value.lines.length === 0) return err({ code: 'cart_empty' });
  const { subtotal } = cart.value;
  const { shipping } = input;
  const decided = await previewDiscount(deps.db, {
    code: input.couponCode,
    subtotal: subtotal.amount,
    shipping: shipping.amount,
    currency: subtotal.currency,
    userId: owner?.kind === 'user' ? owner.userId : null,
    email: input.email ?? '',
  });
  if (!decided.ok) return err({ code: 'discount_refused', refusal: decided.error });
  const discount = decided.value.amount;
  return ok({
    code: decided.value.code,
    discount: money(discount, subtotal.currency),
    total: orderTotals(subtotal, shipping, input.vat, discount).total,
  });
}
