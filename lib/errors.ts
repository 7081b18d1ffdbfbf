// Every expected failure the shop answers with, in one catalogue: code → HTTP status → what the user reads.
// Route handlers and server actions both map through it, so a code means the same thing at every door.
// Framework-free and data only: client components may import it for the words.
import type { z } from 'zod';

interface CatalogueEntry {
  status: number;
  message: string;
}

export const errorCatalogue = {
  // 400: the request itself is wrong
  invalid_input: { status: 400, message: 'Please correct the highlighted fields.' },
  invalid_payload: { status: 400, message: 'The request body is not a valid event.' },
  idempotency_key_required: { status: 400, message: 'Send an Idempotency-Key header (a fresh UUID per refund) so a retry cannot refund twice.' },
  // 401 / 403: who is asking
  unauthenticated: { status: 401, message: 'Sign in to continue.' },
  invalid_signature: { status: 401, message: 'The request signature is not valid.' },
  forbidden: { status: 403, message: 'You do not have access to this.' },
  current_password_incorrect: { status: 403, message: 'Your current password is not right.' },
  cross_site_request: { status: 403, message: 'Cross-site requests cannot change anything here.' },
  source_not_allowed: { status: 403, message: 'Requests from this address are not accepted.' },
  // 404: nothing to show (also for "not yours": an id alone reveals nothing)
  not_found: { status: 404, message: 'Not found.' },
  order_not_found: { status: 404, message: 'Order not found.' },
  payment_not_found: { status: 404, message: 'Payment not found.' },
  variant_not_found: { status: 404, message: 'That item is not in our catalogue.' },
  line_not_found: { status: 404, message: 'That item is no longer in your cart.' },
  card_not_found: { status: 404, message: 'That saved card is not on your account any more.' },
  address_not_found: { status: 404, message: 'That address is not in your account.' },
  invoice_not_available: { status: 404, message: 'This order has no invoice because it has not been paid.' },
  // 409: the shop's state does not allow it right now
  out_of_stock: { status: 409, message: 'Some items are no longer available in the quantity you chose.' },
  cart_empty: { status: 409, message: 'Your cart is empty.' },
  cart_invalid: { status: 409, message: 'Some items in your cart can no longer be bought. Please review your cart.' },
  checkout_in_progress: { status: 409, message: 'Your order is already being placed. Please wait a moment.' },
  payment_in_progress: { status: 409, message: 'A payment for this order is being set up. Please try again in a few seconds.' },
  reservation_expired: { status: 409, message: 'Your reservation expired, so the items went back on sale. Please check out again from your cart.' },
  order_not_payable: { status: 409, message: 'This order no longer needs paying.' },
  changed_since_read: { status: 409, message: 'This changed since you opened it. Reload and try again.' },
  refund_exceeds_remaining: { status: 409, message: 'That is more than can still be refunded on this order.' },
  payment_not_flagged: { status: 409, message: 'This payment is no longer waiting for review. Reload to see what happened to it.' },
  fulfillment_exceeds_remaining: { status: 409, message: 'That is more than is left to ship on this line: it has already shipped or been refunded.' },
  not_shippable: { status: 409, message: 'This order cannot be shipped in its current state.' },
  stock_below_reserved: { status: 409, message: 'On hand cannot go below the units held for orders that are waiting for payment.' },
  too_many_addresses: { status: 409, message: 'You have saved as many addresses as an account can keep. Delete one to add another.' },
  dispute_closed: { status: 409, message: 'This dispute is resolved: nothing more can be sent for it.' },
  dispute_already_answered: { status: 409, message: 'This dispute has already been answered.' },
  discount_used_up: { status: 409, message: 'This discount code has been used as many times as it can be.' },
  discount_already_used: { status: 409, message: 'You have already used this discount code.' },
  discount_code_exists: { status: 409, message: 'A discount code with that name already exists (codes are the same whatever their case).' },
  // 422: understood, but this order or key cannot take it
  delivery_unavailable: { status: 422, message: 'That delivery option is not available for this address. Please choose another.' },
  card_expired: { status: 422, message: 'That saved card has expired. Pay with another card on Paystack’s page.' },
  card_resting: {
    status: 422,
    message: 'Your account’s email changed recently, so saved cards cannot be used for 24 hours. Pay on Paystack’s page instead.',
  },
  not_refundable: { status: 422, message: 'This order has no captured payment that can be refunded.' },
  payment_not_resolvable: { status: 422, message: 'This payment cannot be settled that way.' },
  fulfillment_invalid: { status: 422, message: 'Check the shipment: lines, carrier and tracking number.' },
  idempotency_key_reused: { status: 422, message: 'This Idempotency-Key was already used for a different refund request.' },
  // A discount code that cannot be used on this order; the message says which code and why.
  discount_unknown: { status: 422, message: 'We do not recognise that discount code.' },
  discount_paused: { status: 422, message: 'This discount code is not available right now.' },
  discount_not_started: { status: 422, message: 'This discount code cannot be used yet.' },
  discount_expired: { status: 422, message: 'This discount code has expired.' },
  discount_below_minimum: { status: 422, message: 'Your items do not reach this discount code’s minimum.' },
  dispute_evidence_required: { status: 422, message: 'Send evidence before declining the dispute: Paystack weighs the decline by it.' },
  dispute_file_required: {
    status: 422,
    message:
      'Upload a file with the evidence first — a receipt, delivery proof or the refund confirmation: Paystack takes no answer (accept or decline) without one.',
  },
  // 413 / 429
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'Upload a PNG, JPEG or WebP image.' },
  rate_limited: { status: 429, message: 'Too many attempts. Please wait a minute and try again.' },
  too_many_open_orders: { status: 429, message: 'You already have orders waiting for payment. Pay for one of them, or try again when its hold ends.' },
  // 5xx: something we depend on is down; the client may retry
  internal_error: { status: 500, message: 'Something went wrong. Please try again.' },
  payment_failed: { status: 502, message: 'We could not reach our payment provider. Please try again.' },
  payment_unavailable: { status: 502, message: 'We could not reach our payment provider. Your items are held for you — please try paying again.' },
  payment_rejected: { status: 502, message: 'We could not reach our payment provider. Your items are held for you — please try paying again.' },
  // Paystack refused a refund that passed every rule of ours: nothing was refunded (the refund is recorded as failed).
  refund_rejected: { status: 502, message: 'Paystack refused the refund, so nothing was refunded.' },
  dispute_rejected: { status: 502, message: 'Paystack refused this, so nothing was sent.' },
  cart_unavailable: { status: 503, message: 'Your cart is unavailable right now. Please try again in a moment.' },
  rate_limit_unavailable: { status: 503, message: 'This is temporarily unavailable. Please try again shortly.' },
  service_unavailable: { status: 503, message: 'This is temporarily unavailable. Please try again shortly.' },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof errorCatalogue;

/** What a door answers for an expected failure: a server action's `serverError`, a route's `{ error }` body. */
export interface ErrorReply {
  code: ErrorCode;
  message: string;
}

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(errorCatalogue, code);

export const errorStatus = (code: ErrorCode): number => errorCatalogue[code].status;

export const errorMessage = (code: ErrorCode): string => errorCatalogue[code].message;

/**
 * An expected failure raised where returning a value would mean threading it through many layers (an admin check in
 * an action's middleware, a version conflict deep in a use case). The doors turn it into the catalogue's answer;
 * anything that is not an AppError is a bug or an outage and becomes a bare `internal_error`.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string = errorMessage(code),
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Field errors by their path ("shippingAddress.phone"), as a form or a headless client sent them. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '(body)';
    fieldErrors[key] ??= [];
    fieldErrors[key].push(issue.message);
  }
  return fieldErrors;
}

/** "quantity: quantity must be at least 1" — the first problem, in words a developer of a headless client can act on. */
export function describeInputError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid input';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
