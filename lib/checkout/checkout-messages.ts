// Words for checkout outcomes, shared by the page and the Store API (statuses: the error catalogue, lib/errors.ts). Types-only imports,
// so client components can use it too.
import type { ChargeSavedCardError } from '../cards/charge-saved-card';
import type { InitializePaymentError } from '../payments/initialize-payment';
import type { CheckoutError, ShortCheckoutLine } from './checkout-use-case';
import { discountRefusalMessage } from '../discounts/discount-rules';

export function describeShortLine(line: ShortCheckoutLine): string {
  if (line.available <= 0) return `${line.title} is sold out.`;
  const asked = line.requested === undefined ? '' : ` (you asked for ${line.requested})`;
  return `${line.title}: only ${line.available} left${asked}.`;
}

export function paymentErrorMessage(error: InitializePaymentError | ChargeSavedCardError): string {
  switch (error.code) {
    case 'card_not_found':
      return 'That saved card is not on your account any more. Your items are held — choose another way to pay.';
    case 'card_expired':
      return 'That saved card has expired. Your items are held — pay with another card.';
    case 'card_resting':
      return 'Your account’s email changed recently, so saved cards cannot be used for 24 hours. Your items are held — pay on Paystack’s page.';
    case 'payment_unavailable':
    case 'payment_rejected':
      return 'We could not reach our payment provider. Your items are held for you — please try paying again.';
    case 'payment_in_progress':
      return 'A payment for this order is being set up. Please try again in a few seconds.';
    case 'reservation_expired':
      return 'Your reservation expired, so the items went back on sale. Please check out again from your cart.';
    case 'order_not_payable':
      return error.status === 'pending_payment' ? 'This order cannot be paid right now.' : 'This order no longer needs paying.';
    case 'order_not_found':
      return 'We could not find that order.';
  }
}

export function checkoutErrorMessage(error: CheckoutError): string {
  switch (error.code) {
    case 'cart_empty':
      return 'Your cart is empty.';
    case 'checkout_in_progress':
      return 'Your order is already being placed. Please wait a moment.';
    case 'cart_unavailable':
      return 'Your cart is unavailable right now. Please try again in a moment.';
    case 'out_of_stock':
      return 'Some items in your cart are no longer available in the quantity you chose.';
    case 'cart_invalid':
      return 'Some items in your cart can no longer be bought. Please review your cart.';
    case 'payment_failed':
      return paymentErrorMessage(error.cause);
    case 'delivery_unavailable':
      return error.message;
    case 'unauthenticated':
      return 'Sign in to save a card or pay with a saved one.';
    case 'discount_refused':
      return discountRefusalMessage(error.refusal);
    case 'too_many_open_orders': {
      const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
      const wait = `in about ${minutes} minute${minutes === 1 ? '' : 's'}`;
      return error.limit === 'email'
        ? `This email already has orders waiting for payment. Pay for one of them, or try again ${wait}.`
        : `Too many orders are waiting for payment from your network. Pay for one of them, or try again ${wait}.`;
    }
  }
}

export function rateLimitMessage(reason: 'rate_limited' | 'unavailable'): string {
  return reason === 'rate_limited'
    ? 'Too many checkout attempts. Please wait a minute and try again.'
    : 'Checkout is temporarily unavailable. Please try again shortly.';
}
