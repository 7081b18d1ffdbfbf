// Words for the cart's outcomes (their HTTP statuses are the error catalogue's, lib/errors.ts). Imports types only, so client components can use it.
import type { CartActionResult, CartError, CartNotice, CartView } from './types';
import type { Result } from '../core/result';

export function cartErrorMessage(error: CartError): string {
  switch (error.code) {
    case 'invalid_input':
      return error.message;
    case 'variant_not_found':
      return 'That item is not in our catalogue.';
    case 'line_not_found':
      return 'That item is no longer in your cart.';
    case 'out_of_stock':
      return `${error.title} is sold out.`;
    case 'cart_unavailable':
      return 'Your cart is unavailable right now. Please try again in a moment.';
  }
}

/** Why an add posted without JavaScript changed nothing, for the cart page it lands on (`/cart?problem=<code>`). */
export function cartProblemMessage(code: string | undefined): string | null {
  switch (code) {
    case 'variant_not_found':
      return 'That item is not in our catalogue.';
    case 'out_of_stock':
      return 'That item is sold out, so it was not added.';
    case 'cart_unavailable':
      return 'Your cart is unavailable right now. Please go back and try again in a moment.';
    case 'invalid_input':
      return 'That quantity could not be added. Please go back and enter a whole number.';
    case 'rate_limited':
    case 'rate_limit_unavailable':
      return 'Too many changes to your cart just now. Please wait a moment and try again.';
    case 'cross_site_request':
      return 'That request came from another site, so nothing was added.';
    case undefined:
      return null;
    default:
      return 'Something went wrong, so nothing was added. Please try again.';
  }
}

export function describeNotice(notice: CartNotice): string {
  switch (notice.kind) {
    case 'clamped':
      return notice.allowed === 1
        ? `Only 1 of ${notice.title} can be in your cart right now.`
        : `Only ${notice.allowed} of ${notice.title} can be in your cart right now (you asked for ${notice.requested}).`;
    case 'removed_unavailable':
      return `${notice.title} is no longer available and was removed from your cart.`;
  }
}

/** The one line above a merge's notices: what happened at sign-in. */
export const MERGE_NOTICE_HEADLINE = 'We added the items from before you signed in to the cart saved in your account. Some of it changed:';

/** A merge's notice, saying what the cart holds now and why (stock, or the most one order may take). */
export function describeMergeNotice(notice: CartNotice): string {
  switch (notice.kind) {
    case 'clamped':
      return notice.reason === 'per_order'
        ? `${notice.title}: you had ${notice.requested} across both carts; one order can take at most ${notice.allowed}, so your cart now has ${notice.allowed}.`
        : `${notice.title}: you had ${notice.requested} across both carts, but only ${notice.allowed} ${notice.allowed === 1 ? 'is' : 'are'} in stock, so your cart now has ${notice.allowed}.`;
    case 'removed_unavailable':
      return `${notice.title} is sold out or no longer sold, so it was taken out of your cart.`;
  }
}

export function toCartActionResult(result: Result<CartView, CartError>): CartActionResult {
  return result.ok ? { ok: true, cart: result.value } : { ok: false, code: result.error.code, message: cartErrorMessage(result.error) };
}
