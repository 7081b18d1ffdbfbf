'use server';
// Checkout's server action, through the shopper door: place the order and go to Paystack. It parses its form with zod,
// rate-limits and calls one use case — the same one POST /api/checkout calls. (Retrying payment for an existing order is
// shared by the order pages: components/checkout/retry-payment-action.ts.)
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { DELIVERY_OPTIONS } from '@/lib/checkout/checkout-input';
import { previewCoupon } from '@/lib/checkout/preview-coupon';
import { type Money, money } from '@/lib/core/money';
import { resolveDelivery } from '@/lib/settings/delivery-offers';
import { type DiscountRefusal, discountRefusalMessage } from '@/lib/discounts/discount-rules';
import { type CheckoutValues, type FieldErrors, parseCheckoutForm } from '@/lib/checkout/checkout-form';
import { checkoutErrorMessage, rateLimitMessage } from '@/lib/checkout/checkout-messages';
import { checkout, type ShortCheckoutLine } from '@/lib/checkout/checkout-use-case';
import { formDataInput, shopperAction } from '@/lib/server/doors/actions';
import { checkoutDeps, limitCheckout, limitCheckoutWithCard } from '@/lib/server/deps/checkout';
import { getShopSettings } from '@/lib/server/deps/shop-settings';
import { cartDeps } from '@/lib/server/doors/cart-session';
import { rememberGuestOrder } from '@/lib/server/doors/order-access';

export type CheckoutFormState =
  | { status: 'idle'; attempt: number; values?: CheckoutValues }
  | { status: 'invalid'; attempt: number; message: string; fieldErrors: FieldErrors; values: CheckoutValues }
  | { status: 'out_of_stock'; attempt: number; lines: ShortCheckoutLine[]; values: CheckoutValues }
  | { status: 'payment_failed'; attempt: number; message: string; orderId: string; orderNumber: string; values: CheckoutValues }
  /** The saved card did not pay (declined, or the bank wants the cardholder): the order is held, Paystack's page takes over. */
  | { status: 'card_declined'; attempt: number; message: string; authorizationUrl: string; values: CheckoutValues }
  | { status: 'error'; attempt: number; message: string; values?: CheckoutValues };

export type ApplyCouponState =
  | { status: 'applied'; code: string; discount: Money; total: Money }
  | { status: 'refused'; message: string; reason: DiscountRefusal['reason'] | 'cart' };

// Only what the preview needs: the code, the delivery option (the ₦1 floor depends on its fee) and the email typed so
// far (a guest's per-customer limit); a malformed email is simply not used.
const applyCouponSchema = z.object({
  couponCode: z.string().trim().min(1, 'Enter a discount code').max(32, 'Discount codes are at most 32 characters'),
  deliveryOption: z.enum(DELIVERY_OPTIONS),
  /** The address's state so far: the delivery fee is the settings' for it (none chosen yet counts as free delivery). */
  state: z.string().trim().max(40).optional(),
  email: z.string().trim().toLowerCase().max(254).optional(),
});

export const applyCouponAction = shopperAction
  .metadata({ rateLimit: ({ deps, ip }) => deps.limiter().limit('discountChecksByIp', ip) })
  .inputSchema(applyCouponSchema)
  .action(async ({ parsedInput, ctx }): Promise<ApplyCouponState> => {
    const email = z.email().safeParse(parsedInput.email);
    const { settings } = await getShopSettings();
    const offer = resolveDelivery(settings, parsedInput.deliveryOption, parsedInput.state || null);
    const result = await previewCoupon(cartDeps(), ctx.owner, {
      couponCode: parsedInput.couponCode,
      shipping: offer.ok ? offer.value.fee : money(0, 'NGN'),
      vat: settings.vat,
      email: email.success ? email.data : null,
    });
    if (result.ok) return { status: 'applied', ...result.value };
    const error = result.error;
    if (error.code === 'discount_refused') return { status: 'refused', message: discountRefusalMessage(error.refusal), reason: error.refusal.reason };
    return { status: 'refused', message: checkoutErrorMessage(error), reason: 'cart' };
  });

export const placeOrderAction = shopperAction.inputSchema(formDataInput).stateAction<CheckoutFormState>(async ({ parsedInput, ctx }, { prevResult }) => {
  const attempt = (prevResult.data?.attempt ?? 0) + 1;
  const parsed = parseCheckoutForm(parsedInput);
  const { values } = parsed;
  if (!parsed.ok) return { status: 'invalid', attempt, message: 'Please correct the highlighted fields.', fieldErrors: parsed.fieldErrors, values };

  const decision = await limitCheckoutWithCard(ctx.deps.limiter(), ctx.owner, ctx.ip, Boolean(parsed.input.savedCardId));
  if (!decision.allowed) return { status: 'error', attempt, message: rateLimitMessage(decision.reason), values };

  const userId = ctx.owner?.kind === 'user' ? ctx.owner.userId : null;
  const result = await checkout(checkoutDeps(), { owner: ctx.owner, userId, input: parsed.input, clientAddress: ctx.ip });
  if (result.ok) {
    const { payment } = result.value;
    await rememberGuestOrder(result.value.order);
    // Paid (or being recorded) with a saved card: the return page shows the order's real state.
    if (payment.state !== 'action_required') redirect(`/checkout/return?reference=${encodeURIComponent(payment.reference)}`);
    if (payment.cardNotice)
      return { status: 'card_declined', attempt, message: payment.cardNotice.message, authorizationUrl: payment.authorizationUrl, values };
    redirect(payment.authorizationUrl); // Paystack's hosted page; it sends the shopper back to /checkout/return
  }
  const error = result.error;
  switch (error.code) {
    case 'out_of_stock':
      return { status: 'out_of_stock', attempt, lines: error.lines, values };
    case 'delivery_unavailable':
      // Express to a state without it, say: shown next to the delivery options, with what to choose instead.
      return { status: 'invalid', attempt, message: error.message, fieldErrors: { deliveryOption: [error.message] }, values };
    case 'discount_refused':
      // Said under the code's field, like any other field's problem; the rest of the form comes back as typed.
      return { status: 'invalid', attempt, message: 'Please check your discount code.', fieldErrors: { couponCode: [checkoutErrorMessage(error)] }, values };
    case 'payment_failed':
      // The retry proves access with the session (account orders) or this cookie (guest orders).
      await rememberGuestOrder(error.order);
      return { status: 'payment_failed', attempt, message: checkoutErrorMessage(error), orderId: error.order.id, orderNumber: error.order.number, values };
    default:
      return { status: 'error', attempt, message: checkoutErrorMessage(error), values };
  }
});
