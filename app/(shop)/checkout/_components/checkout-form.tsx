'use client';
// The checkout form: contact, address, delivery, and the summary beside it. Submitting runs the server action,
// which places the order and redirects to Paystack; anything else comes back as state shown next to the fields.
import { useActionState, useEffect, useRef, useState } from 'react';
import { placeOrderAction, type CheckoutFormState } from '../actions';
import type { DeliveryOption } from '@/lib/checkout/delivery-options';
import type { CheckoutValues } from '@/lib/checkout/checkout-form';
import { addMoney, formatMoney, type Money } from '@/lib/core/money';
import { actionFailure } from '@/components/ui/action-result';
import { AddressFields, ContactFields } from '@/components/checkout/address-fields';
import { DeliveryOptionCards } from '@/components/checkout/delivery-option-cards';
import { OrderSummary, type SummaryLine } from '@/components/checkout/order-summary';
import { OutOfStockNotice } from '@/components/checkout/out-of-stock-notice';
import { RetryPaymentForm } from '@/components/checkout/retry-payment-form';
import { SaveCardCheckbox, type SavedCardChoice, SavedCardButtons } from '@/components/checkout/saved-card-options';

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
  /** The signed-in shopper's saved, unexpired cards (none for a guest). */
  savedCards?: SavedCardChoice[];
}

export function CheckoutForm({ lines, subtotal, deliveryOptions, defaultEmail, signedIn, states, savedCards = [] }: Props) {
  const [result, action, pending] = useActionState(placeOrderAction, {});
  const failure = actionFailure(result);
  const state: CheckoutFormState = result.data ?? (failure ? { status: 'error', attempt: 0, message: failure.message } : { status: 'idle', attempt: 0 });
  const values: Partial<CheckoutValues> = state.values ?? { email: defaultEmail, deliveryOption: 'standard' };
  const errors = state.status === 'invalid' ? state.fieldErrors : {};
  const [deliveryId, setDeliveryId] = useState(values.deliveryOption || 'standard');
  const chosen = deliveryOptions.find((option) => option.id === deliveryId) ?? deliveryOptions[0];
  const formRef = useRef<HTMLFormElement>(null);

  // After a refused submission, move focus to the first field in error so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (state.status === 'invalid') formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
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

        {state.status === 'card_declined' ? (
          <div role="alert" className="space-y-3 rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950" data-testid="card-declined">
            <p className="font-semibold">{state.message}</p>
            <p className="text-sm">Your items are still held for you.</p>
            <a href={state.authorizationUrl} className="inline-block rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-600">
              Continue to Paystack
            </a>
          </div>
        ) : null}

        <form ref={formRef} action={action} noValidate className="space-y-6" aria-describedby="checkout-status">
          {/* Keyed by attempt: a refused submission remounts the fields with exactly what the shopper typed. */}
          <div key={state.attempt} className="space-y-6">
            <ContactFields values={values} errors={errors} signedIn={signedIn} />
            <AddressFields values={values} errors={errors} states={states} />
            <DeliveryOptionCards options={deliveryOptions} defaultValue={deliveryId} errors={errors.deliveryOption} onSelect={setDeliveryId} />
          </div>

          {state.status === 'payment_failed' ? null : (
            <SavedCardButtons cards={savedCards} pending={pending} amountLabel={formatMoney(addMoney(subtotal, chosen.fee))} />
          )}
          {signedIn && state.status !== 'payment_failed' ? <SaveCardCheckbox /> : null}
          {state.status === 'payment_failed' ? null : (
            <button
              type="submit"
              disabled={pending}
              aria-disabled={pending}
              className="w-full rounded-lg bg-brand-700 px-4 py-3 text-lg font-semibold text-white hover:bg-brand-600 disabled:cursor-wait disabled:opacity-70"
            >
              {pending ? 'Reserving your items…' : `Pay ${formatMoney(addMoney(subtotal, chosen.fee))} with Paystack`}
            </button>
          )}
          <p className="text-center text-xs text-stone-500">Your items are held for up to 15 minutes while you pay.</p>
        </form>
      </div>
      <OrderSummary lines={lines} subtotal={subtotal} deliveryFee={chosen.fee} deliveryLabel={chosen.label} />
    </div>
  );
}
