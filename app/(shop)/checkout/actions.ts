'use server';
// Checkout's server actions, through the shopper door: place the order and go to Paystack, or retry payment for an
// existing order. Each parses its form with zod, rate-limits and calls one use case — the same one POST /api/checkout calls.
import { redirect } from 'next/navigation';
import { type CheckoutValues, type FieldErrors, parseCheckoutForm } from '@/lib/checkout/checkout-form';
import { checkoutErrorMessage, paymentErrorMessage, rateLimitMessage } from '@/lib/checkout/checkout-messages';
import { checkout, type ShortCheckoutLine } from '@/lib/checkout/checkout-use-case';
import { initializePayment } from '@/lib/payments/initialize-payment';
import { formDataInput, shopperAction } from '@/lib/server/doors/actions';
import { checkoutDeps, limitCheckout } from '@/lib/server/deps/checkout';
import { orderForViewer, rememberGuestOrder } from '@/lib/server/doors/order-access';

export type CheckoutFormState =
  | { status: 'idle'; attempt: number; values?: CheckoutValues }
  | { status: 'invalid'; attempt: number; message: string; fieldErrors: FieldErrors; values: CheckoutValues }
  | { status: 'out_of_stock'; attempt: number; lines: ShortCheckoutLine[]; values: CheckoutValues }
  | { status: 'payment_failed'; attempt: number; message: string; orderId: string; orderNumber: string; values: CheckoutValues }
  | { status: 'error'; attempt: number; message: string; values?: CheckoutValues };

export const placeOrderAction = shopperAction.inputSchema(formDataInput).stateAction<CheckoutFormState>(async ({ parsedInput, ctx }, { prevResult }) => {
  const attempt = (prevResult.data?.attempt ?? 0) + 1;
  const parsed = parseCheckoutForm(parsedInput);
  const { values } = parsed;
  if (!parsed.ok) return { status: 'invalid', attempt, message: 'Please correct the highlighted fields.', fieldErrors: parsed.fieldErrors, values };

  const decision = await limitCheckout(ctx.deps.limiter(), ctx.owner, ctx.ip);
  if (!decision.allowed) return { status: 'error', attempt, message: rateLimitMessage(decision.reason), values };

  const userId = ctx.owner?.kind === 'user' ? ctx.owner.userId : null;
  const result = await checkout(checkoutDeps(), { owner: ctx.owner, userId, input: parsed.input, clientAddress: ctx.ip });
  if (result.ok) {
    await rememberGuestOrder(result.value.order);
    redirect(result.value.payment.authorizationUrl); // Paystack's hosted page; it sends the shopper back to /checkout/return
  }
  const error = result.error;
  switch (error.code) {
    case 'out_of_stock':
      return { status: 'out_of_stock', attempt, lines: error.lines, values };
    case 'payment_failed':
      // The retry proves access with the session (account orders) or this cookie (guest orders).
      await rememberGuestOrder(error.order);
      return { status: 'payment_failed', attempt, message: checkoutErrorMessage(error), orderId: error.order.id, orderNumber: error.order.number, values };
    default:
      return { status: 'error', attempt, message: checkoutErrorMessage(error), values };
  }
});

export type RetryPaymentState = { status: 'idle' } | { status: 'error'; code: string; message: string };

/** "Try again": a new Paystack attempt for the SAME order (or its live intent), never a new order. */
export const retryPaymentAction = shopperAction.inputSchema(formDataInput).stateAction<RetryPaymentState>(async ({ parsedInput, ctx }) => {
  const orderId = parsedInput.get('orderId');
  const token = parsedInput.get('token');
  const found = await orderForViewer(typeof orderId === 'string' ? orderId : '', { token: typeof token === 'string' ? token : null, useCookie: true });
  if (!found) return { status: 'error', code: 'order_not_found', message: 'We could not find that order.' };

  const decision = await limitCheckout(ctx.deps.limiter(), ctx.owner, ctx.ip);
  if (!decision.allowed) return { status: 'error', code: decision.reason, message: rateLimitMessage(decision.reason) };

  const payment = await initializePayment(checkoutDeps(), found.order.id);
  if (payment.ok) redirect(payment.value.authorizationUrl);
  return { status: 'error', code: payment.error.code, message: paymentErrorMessage(payment.error) };
});
