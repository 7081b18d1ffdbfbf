'use client';
// The checkout form: contact, address, delivery, and the summary beside it. Submitting runs the server action,
// which places the order and redirects to Paystack; anything else comes back as state shown next to the fields.
import { useActionState, useEffect, useRef, useState } from 'react';
import { applyCouponAction, placeOrderAction, type CheckoutFormState } from '../actions';
import type { DeliveryOption } from '@/lib/checkout/delivery-options';
import type { CheckoutValues } from '@/lib/checkout/checkout-form';
import { addMoney, formatMoney, type Money } from '@/lib/core/money';
import { actionFailure } from '@/components/ui/action-result';
import { AddressFields, ContactFields } from '@/components/checkout/address-fields';
import { type AppliedCoupon, type ApplyCouponAnswer, CouponField } from '@/components/checkout/coupon-field';
import { DeliveryOptionCards } from '@/components/checkout/delivery-option-cards';
import { OrderSummary, type SummaryLine } from '@/components/checkout/order-summary';
import { OutOfStockNotice } from '@/components/checkout/out-of-stock-notice';
import { RetryPaymentForm } from '@/components/checkout/retry-payment-form';

interface Props {
  lines: SummaryLine[];
  subtotal: Money;
  deliveryOptions: readonly [DeliveryOption, ...DeliveryOption[]];
  defaultEmail: string;
  signedIn: boolean;
  /**
   * The State select's choices: NIGERIAN_STATES from lib/checkout/checkout-input, passed in by the page so zod (which
   * that module builds its schemas with) stays out of the browser bundle.
   */
  states: readonly string[];
}

export function CheckoutForm({ lines, subtotal, deliveryOptions, defaultEmail, signedIn, states }: Props) {
  const [result, action, pending] = useActionState(placeOrderAction, {});
  const failure = actionFailure(result);
  const state: CheckoutFormState = result.data ?? (failure ? { status: 'error', attempt: 0, message: failure.message } : { status: 'idle', attempt: 0 });
  const values: Partial<CheckoutValues> = state.values ?? { email: defaultEmail, deliveryOption: 'standard' };
  const errors = state.status === 'invalid' ? state.fieldErrors : {};
  const [deliveryId, setDeliveryId] = useState(values.deliveryOption || 'standard');
  const chosen = deliveryOptions.find((option) => option.id === deliveryId) ?? deliveryOptions[0];
  const formRef = useRef<HTMLFormElement>(null);
  // The saving the Apply button found, for the summary and the Pay button; the order's real total is decided on submit.
  const [coupon, setCoupon] = useState<AppliedCoupon | null>(null);
  const discount = coupon?.discount ?? null;

  const applyCoupon = async (code: string): Promise<ApplyCouponAnswer> => {
    const form = formRef.current ? new FormData(formRef.current) : null;
    const email = form?.get('email');
    const result = await applyCouponAction({ couponCode: code, deliveryOption: chosen.id, email: typeof email === 'string' ? email : undefined });
    const failed = actionFailure(result);
    if (failed || !result.data) return { status: 'refused', message: failed?.message ?? 'We could not check that code. Please try again.' };
    return result.data.status === 'applied' ? result.data : { status: 'refused', message: result.data.message };
  };

  // After a refused submission, move focus to the first field in error so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (state.status === 'invalid') formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    // The order was refused the code: the summary stops showing a saving the shopper will not get.
    if (state.status === 'invalid' && state.fieldErrors.couponCode) setCoupon(null);
  }, [state]);

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-6">
        <div id="checkout-status" aria-live="polite">
          {state.status === 'invalid' || state.status === 'error' ? (
            <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
              {state.message}
            </p>
          ) : null}
          {state.status === 'out_of_stock' ? <OutOfStockNotice lines={state.lines} /> : null}
        </div>

        {state.status === 'payment_failed' ? (
          <div role="alert" className="space-y-3 rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950">
            <p className="font-semibold">Order {state.orderNumber} is reserved, but payment could not start.</p>
            <p className="text-sm">{state.message}</p>
            <RetryPaymentForm orderId={state.orderId} label="Try paying again" />
          </div>
        ) : null}

        <form ref={formRef} action={action} noValidate className="space-y-6" aria-describedby="checkout-status">
          {/* Keyed by attempt: a refused submission remounts the fields with exactly what the shopper typed. */}
          <div key={state.attempt} className="space-y-6">
            <ContactFields values={values} errors={errors} signedIn={signedIn} />
            <AddressFields values={values} errors={errors} states={states} />
            <DeliveryOptionCards options={deliveryOptions} defaultValue={deliveryId} errors={errors.deliveryOption} onSelect={setDeliveryId} />
            <CouponField defaultValue={values.couponCode} errors={errors.couponCode} apply={applyCoupon} onApplied={setCoupon} />
          </div>

          {state.status === 'payment_failed' ? null : (
            <button
              type="submit"
              disabled={pending}
              aria-disabled={pending}
              className="w-full rounded-lg bg-brand-700 px-4 py-3 text-lg font-semibold text-white hover:bg-brand-600 disabled:cursor-wait disabled:opacity-70"
            >
              {pending ? 'Reserving your items…' : `Pay ${formatMoney(payable(subtotal, chosen.fee, discount))} with Paystack`}
            </button>
          )}
          <p className="text-center text-xs text-stone-500">Your items are held for up to 15 minutes while you pay.</p>
        </form>
      </div>
      <OrderSummary
        lines={lines}
        subtotal={subtotal}
        deliveryFee={chosen.fee}
        deliveryLabel={chosen.label}
        discount={coupon ? { code: coupon.code, amount: coupon.discount } : null}
      />
    </div>
  );
}

/** What the summary shows to pay: subtotal − the applied saving + delivery (the server recomputes it on submit). */
function payable(subtotal: Money, fee: Money, discount: Money | null): Money {
  const total = addMoney(subtotal, fee);
  return discount ? { ...total, amount: Math.max(0, total.amount - discount.amount) } : total;
}
