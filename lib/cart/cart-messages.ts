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

export function toCartActionResult(result: Result<CartView, CartError>): CartActionResult {
  return result.ok ? { ok: true, cart: result.value } : { ok: false, code: result.error.code, message: cartErrorMessage(result.error) };
}
