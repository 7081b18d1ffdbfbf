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
import { type SavedAddressOption, SavedAddressPicker } from '@/components/checkout/saved-address-picker';

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
  /** A signed-in shopper's saved addresses, the default first: it prefills the address fields. */
  savedAddresses?: SavedAddressOption[];
}

const NEW_ADDRESS = { fullName: '', phone: '', line1: '', line2: '', city: '', state: '', postalCode: '' };

export function CheckoutForm({ lines, subtotal, deliveryOptions, defaultEmail, signedIn, states, savedAddresses = [] }: Props) {
  const [result, action, pending] = useActionState(placeOrderAction, {});
  const failure = actionFailure(result);
  const state: CheckoutFormState = result.data ?? (failure ? { status: 'error', attempt: 0, message: failure.message } : { status: 'idle', attempt: 0 });
  // The saved address picked last, and the submission it was picked after: a pick fills the fields until the next
  // submission, whose refusal hands back what was typed instead.
  const [picked, setPicked] = useState({ id: savedAddresses[0]?.id ?? '', afterAttempt: 0 });
  const pickedAddress = savedAddresses.find((option) => option.id === picked.id)?.values ?? NEW_ADDRESS;
  const fromPick = savedAddresses.length > 0 && (!state.values || picked.afterAttempt === state.attempt);
  const typed: Partial<CheckoutValues> = state.values ?? { email: defaultEmail, deliveryOption: 'standard' };
  const values: Partial<CheckoutValues> = fromPick ? { ...typed, ...pickedAddress } : typed;
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

        <form ref={formRef} action={action} noValidate className="space-y-6" aria-describedby="checkout-status">
          {/* Keyed by attempt: a refused submission remounts the fields with exactly what the shopper typed. */}
          <div key={state.attempt} className="space-y-6">
            <ContactFields values={values} errors={errors} signedIn={signedIn} />
            {savedAddresses.length > 0 ? (
              <SavedAddressPicker options={savedAddresses} value={picked.id} onPick={(id) => setPicked({ id, afterAttempt: state.attempt })} />
            ) : null}
            {/* Keyed by the pick too: choosing another saved address refills the (uncontrolled) fields. */}
            <AddressFields key={`${picked.id}:${picked.afterAttempt}`} values={values} errors={errors} states={states} />
            <DeliveryOptionCards options={deliveryOptions} defaultValue={deliveryId} errors={errors.deliveryOption} onSelect={setDeliveryId} />
          </div>

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
