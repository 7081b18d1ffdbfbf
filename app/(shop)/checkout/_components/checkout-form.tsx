'use client';
// The checkout form: contact, address, delivery, and the summary beside it. Submitting runs the server action,
// which places the order and redirects to Paystack; anything else comes back as state shown next to the fields.
// The delivery cards follow the chosen state (the shop's settings say which options each state gets); a pickup asks
// only who collects the order.
import { useActionState, useEffect, useRef, useState } from 'react';
import { applyCouponAction, placeOrderAction, type CheckoutFormState } from '../actions';
import type { CheckoutValues } from '@/lib/checkout/checkout-form';
import { orderTotals, type VatRule } from '@/lib/checkout/order-totals';
import { formatMoney, type Money } from '@/lib/core/money';
import {
  type DeliverySettings,
  deliveryOffersFor,
  expressStates,
  lowestStandardFee,
  resolveDelivery,
  type DeliveryOptionId,
} from '@/lib/settings/delivery-offers';
import { actionFailure } from '@/components/ui/action-result';
import { AddressFields, ContactFields } from '@/components/checkout/address-fields';
import { type AppliedCoupon, type ApplyCouponAnswer, CouponField } from '@/components/checkout/coupon-field';
import { DeliveryOptionCards } from '@/components/checkout/delivery-option-cards';
import { OrderSummary, type SummaryLine } from '@/components/checkout/order-summary';
import { OutOfStockNotice } from '@/components/checkout/out-of-stock-notice';
import { RetryPaymentForm } from '@/components/checkout/retry-payment-form';
import { SaveCardCheckbox, type SavedCardChoice, SavedCardButtons } from '@/components/checkout/saved-card-options';
import { type SavedAddressOption, SavedAddressPicker } from '@/components/checkout/saved-address-picker';

interface Props {
  lines: SummaryLine[];
  subtotal: Money;
  /** The delivery zones, fees and pickup point from the shop settings in force (the server decides again on submit). */
  delivery: DeliverySettings;
  vat: VatRule;
  defaultEmail: string;
  signedIn: boolean;
  /**
   * The State select's choices: NIGERIAN_STATES from lib/checkout/checkout-input, passed in by the page so zod (which
   * that module builds its schemas with) stays out of the browser bundle.
   */
  states: readonly string[];
  /** The signed-in shopper's saved, unexpired cards (none for a guest). */
  savedCards?: SavedCardChoice[];
  /** A signed-in shopper's saved addresses, the default first: it prefills the address fields. */
  savedAddresses?: SavedAddressOption[];
}

const NEW_ADDRESS = { fullName: '', phone: '', line1: '', line2: '', city: '', state: '', postalCode: '' };

function deliveryNotes(delivery: DeliverySettings, state: string, chosen: string, offered: boolean): string[] {
  const notes: string[] = [];
  const express = expressStates(delivery);
  if (!state) {
    const from = lowestStandardFee(delivery);
    notes.push(`Choose your state above to see home delivery${from ? ` (from ${formatMoney(from)})` : ''}.`);
  } else if (!offered && chosen !== 'pickup') {
    const refusal = resolveDelivery(delivery, chosen as DeliveryOptionId, state);
    if (!refusal.ok) notes.push(refusal.error.message);
  }
  if (express.length > 0 && !express.includes(state)) notes.push(`Express delivery goes to ${express.join(', ')} only.`);
  return notes;
}

export function CheckoutForm({ lines, subtotal, delivery, vat, defaultEmail, signedIn, states, savedCards = [], savedAddresses = [] }: Props) {
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
  const [addressState, setAddressState] = useState(values.state ?? '');
  const offers = deliveryOffersFor(delivery, addressState || null);
  const chosen = offers.find((option) => option.id === deliveryId) ?? null;
  const pickup = deliveryId === 'pickup';
  const formRef = useRef<HTMLFormElement>(null);
  // The saving the Apply button found, for the summary and the Pay button; the order's real total is decided on submit.
  const [coupon, setCoupon] = useState<AppliedCoupon | null>(null);
  const totals = chosen ? orderTotals(subtotal, chosen.fee, vat, Math.min(coupon?.discount.amount ?? 0, subtotal.amount)) : null;

  const applyCoupon = async (code: string): Promise<ApplyCouponAnswer> => {
    const form = formRef.current ? new FormData(formRef.current) : null;
    const email = form?.get('email');
    const result = await applyCouponAction({
      couponCode: code,
      deliveryOption: deliveryId as DeliveryOptionId,
      state: addressState || undefined,
      email: typeof email === 'string' ? email : undefined,
    });
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
        {/* The one live region for the form's outcome: its message inside is plain text, not a second (alert) region, so it is read once. */}
        <div id="checkout-status" aria-live="polite">
          {state.status === 'invalid' || state.status === 'error' ? (
            <p className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="checkout-message">
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
            {savedAddresses.length > 0 ? (
              <SavedAddressPicker
                options={savedAddresses}
                value={picked.id}
                onPick={(id) => {
                  setPicked({ id, afterAttempt: state.attempt });
                  setAddressState(savedAddresses.find((option) => option.id === id)?.values.state ?? '');
                }}
              />
            ) : null}
            {/* Keyed by the pick too: choosing another saved address refills the (uncontrolled) fields. */}
            <AddressFields
              key={`${picked.id}:${picked.afterAttempt}`}
              values={values}
              errors={errors}
              states={states}
              pickup={pickup}
              onStateChange={setAddressState}
            />
            <DeliveryOptionCards
              offers={offers}
              selected={deliveryId}
              errors={errors.deliveryOption}
              notes={deliveryNotes(delivery, addressState, deliveryId, chosen !== null)}
              onSelect={setDeliveryId}
            />
            <CouponField defaultValue={values.couponCode} errors={errors.couponCode} apply={applyCoupon} onApplied={setCoupon} />
          </div>

          {state.status === 'payment_failed' || !totals ? null : (
            <SavedCardButtons cards={savedCards} pending={pending} amountLabel={formatMoney(totals.total)} />
          )}
          {signedIn && state.status !== 'payment_failed' ? <SaveCardCheckbox /> : null}
          {state.status === 'payment_failed' ? null : (
            <button
              type="submit"
              disabled={pending}
              aria-disabled={pending}
              className="w-full rounded-lg bg-brand-700 px-4 py-3 text-lg font-semibold text-white hover:bg-brand-600 disabled:cursor-wait disabled:opacity-70"
            >
              {pending ? 'Reserving your items…' : totals ? `Pay ${formatMoney(totals.total)} with Paystack` : 'Pay with Paystack'}
            </button>
          )}
          <p className="text-center text-xs text-stone-500">Your items are held for up to 15 minutes while you pay.</p>
        </form>
      </div>
      <OrderSummary
        lines={lines}
        subtotal={subtotal}
        delivery={chosen ? { label: chosen.label, fee: chosen.fee } : null}
        totals={totals}
        vat={vat}
        discountCode={coupon?.code ?? null}
      />
    </div>
  );
}

/** What the summary shows to pay: subtotal − the applied saving + delivery (the server recomputes it on submit). */
