// The Store API's checkout and order replies: one mapping from use-case results to honest HTTP answers. Every
// error body is { error: { code, message, ... } } and never carries a stack; unexpected errors are a bare 500.
import 'server-only';
import type { z } from 'zod';
import type { OrderDetail } from '@/db/queries/orders';
import { checkoutErrorMessage, checkoutErrorStatus, rateLimitMessage } from '@/lib/checkout/checkout-messages';
import type { CheckoutError, CheckoutSuccess } from '@/lib/checkout/checkout-use-case';
import type { CurrencyCode, Money } from '@/lib/money';
import { shopperOrderState } from '@/lib/orders/shopper-order-state';
import type { Result } from '@/lib/result';
import type { RateLimitDecision } from './rate-limit';
import { guestAccessToken } from './order-access';

const NO_STORE = { 'cache-control': 'no-store' };
const kobo = (amount: number, currency: string): Money => ({ amount, currency: currency as CurrencyCode });

export function apiError(status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return Response.json({ error: { code, message, ...extra } }, { status, headers: { ...NO_STORE, ...headers } });
}

export function rateLimitedReply(decision: Exclude<RateLimitDecision, { allowed: true }>): Response {
  return decision.reason === 'rate_limited'
    ? apiError(429, 'rate_limited', rateLimitMessage('rate_limited'), {}, { 'retry-after': String(decision.retryAfterSeconds) })
    : apiError(503, 'rate_limit_unavailable', rateLimitMessage('unavailable'), {}, { 'retry-after': '5' });
}

/** Field errors by their JSON path ("shippingAddress.phone"), as a headless client sent them. */
export function invalidInputReply(error: z.ZodError): Response {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (fieldErrors[issue.path.join('.') || '(body)'] ??= []).push(issue.message);
  return apiError(400, 'invalid_input', 'Please correct the highlighted fields.', { fieldErrors });
}

export function checkoutReply(result: Result<CheckoutSuccess, CheckoutError>): Response {
  if (result.ok) {
    const { order, payment, continued } = result.value;
    return Response.json(
      {
        orderId: order.id,
        number: order.number,
        status: order.status,
        totals: {
          subtotal: kobo(order.subtotalAmount, order.currency),
          shipping: kobo(order.shippingAmount, order.currency),
          total: kobo(order.totalAmount, order.currency),
        },
        reference: payment.reference,
        authorizationUrl: payment.authorizationUrl,
        accessToken: guestAccessToken(order),
        continued,
      },
      { status: continued ? 200 : 201, headers: NO_STORE },
    );
  }
  const error = result.error;
  const message = checkoutErrorMessage(error);
  switch (error.code) {
    case 'out_of_stock':
      return apiError(409, error.code, message, { lines: error.lines });
    case 'cart_invalid':
      return apiError(409, error.code, message, { problems: error.problems });
    case 'payment_failed': {
      const { order, cause } = error;
      const gateway = cause.code === 'payment_unavailable' || cause.code === 'payment_rejected';
      // The order exists and holds its stock: say which, so the client retries payment for it, not a new order.
      return apiError(
        gateway ? 502 : 409,
        cause.code,
        message,
        { orderId: order.id, number: order.number, accessToken: guestAccessToken(order) },
        gateway ? { 'retry-after': '5' } : {},
      );
    }
    default:
      return apiError(checkoutErrorStatus[error.code], error.code, message);
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
    shippingAddress: order.shippingAddress,
    totals: {
      subtotal: kobo(order.subtotalAmount, order.currency),
      shipping: kobo(order.shippingAmount, order.currency),
      total: kobo(order.totalAmount, order.currency),
      refunded: kobo(order.refundedAmount, order.currency),
    },
    items: order.items.map((item) => ({
      variantId: item.variantId,
      title: `${item.productTitle} – ${item.variantTitle}`,
      sku: item.sku,
      quantity: item.quantity,
      unitPrice: kobo(item.unitPriceAmount, item.currency),
      lineTotal: kobo(item.lineTotalAmount, item.currency),
    })),
    payments: order.payments.map((payment) => ({
      reference: payment.reference,
      status: payment.status,
      amount: kobo(payment.amount, payment.currency),
      paidAt: payment.paidAt?.toISOString() ?? null,
    })),
  };
}

export type OrderJson = ReturnType<typeof orderJson>;

/** Anything unexpected is logged here and answered as a bare 500: no message or stack reaches the client. */
export async function guardedApi(label: string, handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    console.error(`[${label}] unexpected error`, error);
    return apiError(500, 'internal_error', 'Something went wrong. Please try again.');
  }
}
