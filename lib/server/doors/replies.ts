// Use-case results as Store API answers: the success bodies, and which catalogue code (and words) each failure
// maps to. Every error body is { error: { code, message, ...details } } and carries no stack.
import 'server-only';
import { NextResponse } from 'next/server';
import type { OrderDetail } from '@/db/queries/orders';
import { cartErrorMessage } from '@/lib/cart/cart-messages';
import type { CartError, CartView } from '@/lib/cart/types';
import { checkoutErrorMessage } from '@/lib/checkout/checkout-messages';
import { discountErrorCode } from '@/lib/discounts/discount-rules';
import type { CheckoutError, CheckoutSuccess } from '@/lib/checkout/checkout-use-case';
import { money } from '@/lib/core/money';
import { shopperOrderState } from '@/lib/orders/shopper-order-state';
import { deliveryOfOrder } from '@/lib/settings/order-settings-snapshot';
import type { Result } from '@/lib/core/result';
import type { CartSessionCookie } from './cart-session';
import { guestAccessToken } from './order-access';
import { apiError, apiJson, NO_STORE } from './route';
import { lineTitle } from '@/lib/products/variant-title';

/** The new cart (200) or the mapped error; the guest cookie is only set when the write succeeded. */
export function cartReply(result: Result<CartView, CartError>, issue: CartSessionCookie | null = null): Response {
  if (!result.ok) return apiError(result.error.code, { message: cartErrorMessage(result.error) });
  const response = NextResponse.json(result.value, { status: 200, headers: NO_STORE });
  if (issue) response.cookies.set(issue.name, issue.value, issue.options);
  return response;
}

/**
 * For a native form post (no JavaScript yet): 303 to the cart page, which shows the cart, or why nothing was added
 * (`?problem=<code>`). The guest cookie is only set when the write succeeded.
 */
export function cartPageReply(result: Result<CartView, CartError>, issue: CartSessionCookie | null = null): Response {
  const location = result.ok ? '/cart' : cartProblemPage(result.error.code);
  const response = new NextResponse(null, { status: 303, headers: { ...NO_STORE, location } });
  if (result.ok && issue) response.cookies.set(issue.name, issue.value, issue.options);
  return response;
}

/** The cart page saying why a form-posted add changed nothing (lib/cart/cart-messages: cartProblemMessage). */
export const cartProblemPage = (code: string) => `/cart?problem=${encodeURIComponent(code)}`;

export function checkoutReply(result: Result<CheckoutSuccess, CheckoutError>): Response {
  if (result.ok) {
    const { order, payment, continued } = result.value;
    return apiJson(
      {
        orderId: order.id,
        number: order.number,
        status: order.status,
        totals: {
          subtotal: money(order.subtotalAmount, order.currency),
          discount: money(order.discountAmount, order.currency),
          shipping: money(order.shippingAmount, order.currency),
          tax: money(order.taxAmount, order.currency),
          taxAdded: money(order.taxAddedAmount, order.currency),
          total: money(order.totalAmount, order.currency),
        },
        discountCode: order.discountCode,
        reference: payment.reference,
        authorizationUrl: payment.authorizationUrl,
        accessToken: guestAccessToken(order),
        continued,
        // `paid` (a saved card was charged), `processing` (charged, being recorded: poll the order) or
        // `action_required` (send the shopper to authorizationUrl; `cardNotice` says why a saved card did not do).
        paymentState: payment.state,
        ...(payment.state === 'action_required' && payment.cardNotice ? { cardNotice: payment.cardNotice } : {}),
      },
      { status: continued ? 200 : 201 },
    );
  }
  const error = result.error;
  const message = checkoutErrorMessage(error);
  switch (error.code) {
    case 'out_of_stock':
      return apiError(error.code, { message, details: { lines: error.lines } });
    case 'cart_invalid':
      return apiError(error.code, { message, details: { problems: error.problems } });
    case 'delivery_unavailable':
      return apiError(error.code, { message, details: { field: 'deliveryOption', option: error.option, state: error.state } });
    case 'payment_failed': {
      const { order, cause } = error;
      const gateway = cause.code === 'payment_unavailable' || cause.code === 'payment_rejected';
      // The order exists and holds its stock: say which, so the client retries payment for it, not a new order.
      // Only the gateway's failures are a 502; the rest say why this order cannot be paid now (409).
      return apiError(cause.code, {
        message,
        // A saved card that cannot be used keeps its catalogue status (404 gone, 422 expired or resting).
        status: gateway ? 502 : cause.code.startsWith('card_') ? undefined : 409,
        details: { orderId: order.id, number: order.number, accessToken: guestAccessToken(order) },
        headers: gateway ? { 'retry-after': '5' } : {},
      });
    }
    case 'discount_refused':
      // One catalogue code per reason, so a headless client can tell "used up" from "expired" without reading words.
      return apiError(discountErrorCode[error.refusal.reason], { message, details: { field: 'couponCode', reason: error.refusal.reason } });
    case 'too_many_open_orders':
      return apiError(error.code, { message, details: { limit: error.limit }, headers: { 'retry-after': String(error.retryAfterSeconds) } });
    default:
      return apiError(error.code, { message });
  }
}

export function orderJson(order: OrderDetail) {
  const latest = order.payments[0];
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    state: shopperOrderState(order, latest),
    email: order.email,
    createdAt: order.createdAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
    deliveryOption: order.deliveryOption,
    delivery: deliveryOfOrder(order),
    shippingAddress: order.shippingAddress,
    discountCode: order.discountCode,
    totals: {
      subtotal: money(order.subtotalAmount, order.currency),
      discount: money(order.discountAmount, order.currency),
      shipping: money(order.shippingAmount, order.currency),
      tax: money(order.taxAmount, order.currency),
      taxAdded: money(order.taxAddedAmount, order.currency),
      vat: order.settingsSnapshot ? order.settingsSnapshot.vat : null,
      total: money(order.totalAmount, order.currency),
      refunded: money(order.refundedAmount, order.currency),
    },
    items: order.items.map((item) => ({
      variantId: item.variantId,
      title: lineTitle(item.productTitle, item.variantTitle),
      sku: item.sku,
      quantity: item.quantity,
      unitPrice: money(item.unitPriceAmount, item.currency),
      lineTotal: money(item.lineTotalAmount, item.currency),
    })),
    payments: order.payments.map((payment) => ({
      reference: payment.reference,
      status: payment.status,
      amount: money(payment.amount, payment.currency),
      paidAt: payment.paidAt?.toISOString() ?? null,
    })),
  };
}

export type OrderJson = ReturnType<typeof orderJson>;
