'use server';
// "Try again" for an order whose payment did not go through, through the shopper door: shared by the checkout form and
// every order page (shop, account, return), so it lives beside its form rather than under one route.
import { redirect } from 'next/navigation';
import { zfd } from 'zod-form-data';
import { paymentErrorMessage } from '@/lib/checkout/checkout-messages';
import { initializePayment } from '@/lib/payments/initialize-payment';
import { formText, shopperAction } from '@/lib/server/doors/actions';
import { checkoutDeps, limitCheckout } from '@/lib/server/deps/checkout';
import { orderForViewer } from '@/lib/server/doors/order-access';

const retryForm = zfd.formData({ orderId: formText(100), token: formText(600) });

export type RetryPaymentState = { status: 'idle' } | { status: 'error'; code: string; message: string };

/** "Try again": a new Paystack attempt for the SAME order (or its live intent), never a new order. */
export const retryPaymentAction = shopperAction
  .metadata({ rateLimit: ({ deps, owner, ip }) => limitCheckout(deps.limiter(), owner ?? null, ip) })
  .inputSchema(retryForm)
  .stateAction<RetryPaymentState>(async ({ parsedInput }) => {
    const { orderId, token } = parsedInput;
    const found = await orderForViewer(orderId, { token: token || null, useCookie: true });
    if (!found) return { status: 'error', code: 'order_not_found', message: 'We could not find that order.' };

    const payment = await initializePayment(checkoutDeps(), found.order.id);
    if (payment.ok) redirect(payment.value.authorizationUrl);
    return { status: 'error', code: payment.error.code, message: paymentErrorMessage(payment.error) };
  });
