'use client';
// The admin's shipment: how many of each line go in this parcel (prefilled with what is left to ship), the carrier, the
// tracking number and, optionally, the carrier's tracking link. One idempotency key per opening of the dialog, so a
// double click or a resubmit after a lost answer is still one shipment. The server checks everything again.
import { type FormEvent, useRef, useState, useTransition } from 'react';
import { actionFailure, type DoorResult } from '@/components/ui/action-result';
import { TextField } from '@/components/ui/fields';
import { type ShipActionData, shipOrderAction } from '../ship-actions';
import { newKey } from './new-key';
import { shipFormSchema } from './ship-form';

export interface ShipDialogLine {
  orderItemId: string;
  label: string;
  ordered: number;
  shipped: number;
  /** Most that may still ship (sold − shipped − cancelled by refunds). */
  shippable: number;
}

export interface ShipDialogProps {
  orderId: string;
  orderNumber: string;
  lines: ShipDialogLine[];
  /** Why nothing can ship now (unpaid, refunded, all shipped). */
  unavailable?: string;
}

type FieldErrors = { lines?: string[]; carrier?: string[]; trackingNumber?: string[]; trackingUrl?: string[]; form?: string };

const button = 'rounded-lg px-4 py-2 text-sm font-semibold disabled:cursor-not-allowed disabled:opacity-60';
const primary = `${button} bg-brand-700 text-white hover:bg-brand-600`;
const secondary = `${button} border border-stone-300 bg-white text-stone-800 hover:border-stone-900`;

export function ShipDialog(props: ShipDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [key, setKey] = useState('');
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [carrier, setCarrier] = useState('');
  const [trackingNumber, setTrackingNumber] = useState('');
  const [trackingUrl, setTrackingUrl] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<ShipActionData | null>(null);
  const [pending, startTransition] = useTransition();

  function open() {
    setKey(newKey());
    setQuantities(Object.fromEntries(props.lines.map((line) => [line.orderItemId, String(line.shippable)])));
    setCarrier('');
    setTrackingNumber('');
    setTrackingUrl('');
    setErrors({});
    setDone(null);
    dialog.current?.showModal();
  }

  function close() {
    if (!pending) dialog.current?.close();
  }

  function input() {
    return {
      orderId: props.orderId,
      idempotencyKey: key,
      carrier,
      trackingNumber,
      trackingUrl,
      lines: props.lines
        .map((line) => ({ orderItemId: line.orderItemId, quantity: Number(quantities[line.orderItemId] || 0) }))
        .filter((line) => line.quantity !== 0),
    };
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldErrors = {};
    const add = (field: Exclude<keyof FieldErrors, 'form'>, message: string) => {
      found[field] = [...(found[field] ?? []), message];
    };
    for (const line of props.lines) {
      const quantity = Number(quantities[line.orderItemId] || 0);
      if (!Number.isInteger(quantity) || quantity < 0) add('lines', `${line.label}: enter a whole number of items`);
      else if (quantity > line.shippable) add('lines', `${line.label}: at most ${line.shippable} can ship`);
    }
    const parsed = shipFormSchema.safeParse(input());
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === 'lines' || field === 'carrier' || field === 'trackingNumber' || field === 'trackingUrl') add(field, issue.message);
      }
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    startTransition(async () => {
      const result = (await shipOrderAction(input())) as DoorResult<ShipActionData>;
      if (result?.data) {
        setDone(result.data);
        return;
      }
      const fields = result?.validationErrors?.fieldErrors;
      const failure = actionFailure(result);
      if (fields && Object.values(fields).some((list) => list?.length)) {
        setErrors({ lines: fields.lines, carrier: fields.carrier, trackingNumber: fields.trackingNumber, trackingUrl: fields.trackingUrl });
      } else if (failure?.code === 'fulfillment_exceeds_remaining') {
        setErrors({ lines: [failure.message] });
      } else {
        setErrors({ form: failure?.message ?? 'Something went wrong. Please try again.' });
      }
      if (failure?.code === 'idempotency_key_reused') setKey(newKey());
    });
  }

  return (
    <>
      <div className="flex flex-wrap items-center justify-end gap-3">
        {props.unavailable ? (
          <p className="text-sm text-stone-500" id="ship-unavailable" data-testid="not-shippable">
            {props.unavailable}
          </p>
        ) : null}
        <button
          type="button"
          onClick={open}
          disabled={Boolean(props.unavailable)}
          aria-describedby={props.unavailable ? 'ship-unavailable' : undefined}
          className={secondary}
        >
          Ship…
        </button>
      </div>
      <dialog
        ref={dialog}
        aria-labelledby="ship-dialog-title"
        onCancel={(event) => {
          if (pending) event.preventDefault();
        }}
        className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-xl border border-stone-200 bg-white p-0 text-stone-900 shadow-xl backdrop:bg-stone-900/50"
      >
        <div className="space-y-4 p-6">
          <div className="flex items-start justify-between gap-4">
            <h2 id="ship-dialog-title" className="text-lg font-semibold">
              Ship order {props.orderNumber}
            </h2>
            <button
              type="button"
              onClick={close}
              disabled={pending}
              aria-label="Close"
              className="rounded px-2 text-xl leading-none text-stone-500 hover:text-stone-900"
            >
              ×
            </button>
          </div>

          {done ? (
            <div className="space-y-4">
              <div role="status" className="rounded-lg border border-brand-600/40 bg-brand-50 px-4 py-3 text-sm text-brand-700" data-testid="ship-result">
                <p>
                  Shipment {done.fulfillment.sequence} recorded: {done.fulfillment.carrier}, tracking {done.fulfillment.trackingNumber}. The customer is emailed
                  the tracking details.
                </p>
              </div>
              <div className="flex justify-end">
                <button type="button" onClick={close} className={primary}>
                  Done
                </button>
              </div>
            </div>
          ) : (
            <form onSubmit={submit} noValidate className="space-y-4">
              {errors.form ? (
                <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                  {errors.form}
                </p>
              ) : null}
              <fieldset aria-describedby={errors.lines?.length ? 'ship-lines-error' : undefined}>
                <legend className="text-sm font-medium text-stone-800">Items in this parcel</legend>
                <ul className="mt-2 space-y-2">
                  {props.lines.map((line) => (
                    <li key={line.orderItemId} className="flex items-center justify-between gap-3 text-sm">
                      <label htmlFor={`ship-line-${line.orderItemId}`} className="min-w-0">
                        <span className="block truncate">{line.label}</span>
                        <span className="block text-xs text-stone-500">
                          {line.shippable === 0 ? 'Nothing left to ship' : `${line.shippable} left to ship`} · {line.shipped} of {line.ordered} shipped
                        </span>
                      </label>
                      <input
                        id={`ship-line-${line.orderItemId}`}
                        type="number"
                        inputMode="numeric"
                        min={0}
                        max={line.shippable}
                        step={1}
                        disabled={line.shippable === 0}
                        value={quantities[line.orderItemId] ?? ''}
                        placeholder="0"
                        onChange={(event) => setQuantities({ ...quantities, [line.orderItemId]: event.target.value })}
                        className="w-20 rounded-lg border border-stone-300 px-2 py-1.5 text-right tabular-nums disabled:bg-stone-100"
                      />
                    </li>
                  ))}
                </ul>
                {errors.lines?.length ? (
                  <ul id="ship-lines-error" className="mt-2 space-y-0.5 text-sm text-red-700">
                    {errors.lines.map((message) => (
                      <li key={message}>{message}</li>
                    ))}
                  </ul>
                ) : null}
              </fieldset>
              <TextField
                idPrefix="ship"
                label="Carrier"
                name="carrier"
                autoComplete="off"
                value={carrier}
                onChange={(event) => setCarrier(event.target.value)}
                errors={errors.carrier}
                autoFocus
              />
              <TextField
                idPrefix="ship"
                label="Tracking number"
                name="trackingNumber"
                autoComplete="off"
                value={trackingNumber}
                onChange={(event) => setTrackingNumber(event.target.value)}
                errors={errors.trackingNumber}
              />
              <TextField
                idPrefix="ship"
                label="Tracking link (optional)"
                name="trackingUrl"
                type="url"
                inputMode="url"
                autoComplete="off"
                value={trackingUrl}
                onChange={(event) => setTrackingUrl(event.target.value)}
                hint="The carrier's page for this parcel, e.g. https://track.example.com/ABC123. The customer gets it by email."
                errors={errors.trackingUrl}
              />
              <div className="flex justify-end gap-3 pt-2">
                <button type="button" onClick={close} disabled={pending} className={secondary}>
                  Cancel
                </button>
                <button type="submit" disabled={pending} aria-disabled={pending} className={primary}>
                  {pending ? 'Recording…' : 'Mark as shipped'}
                </button>
              </div>
            </form>
          )}
        </div>
      </dialog>
    </>
  );
}
