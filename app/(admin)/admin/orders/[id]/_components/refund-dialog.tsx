'use client';
// The admin's refund: amount (prefilled with what remains, typed in naira), a reason, optionally some lines back on
// the shelf — units that never shipped, and shipped units only when they came back ("returned to stock") — then a confirmation that says exactly what will happen before anything does. One idempotency key per
// opening of the dialog, so a double click or a resubmit after a lost answer is still one refund. The server checks
// everything again; the checks here only save a round trip.
import { type FormEvent, useRef, useState, useTransition } from 'react';
import { type RefundActionData, refundOrderAction } from '../actions';
import { actionFailure, type DoorResult } from '@/components/ui/action-result';
import { TextField, useStandingErrors } from '@/components/ui/fields';
import { type CurrencyCode, formatMoney, toDecimalString } from '@/lib/core/money';
import { newKey } from './new-key';
import { REFUND_REASON_MAX, refundFormSchema } from './refund-form';
import { adminRefundStatusLabels } from '@/components/admin/refund-status-badge';

export interface RefundDialogLine {
  variantId: string;
  label: string;
  sold: number;
  /** Unshipped units that may still go back on the shelf for this order. */
  restockable: number;
  /** Shipped units that may go back on the shelf if they came back (returned to stock). */
  returnable?: number;
}

export interface RefundDialogProps {
  orderId: string;
  orderNumber: string;
  email: string;
  currency: CurrencyCode;
  /** What the payment being refunded captured. */
  paid: number;
  /** What can still be refunded on it. */
  remaining: number;
  lines: RefundDialogLine[];
  /** Why nothing can be refunded now (not paid, all refunded). The dialog stays mounted so a result it shows survives. */
  unavailable?: string;
}

type Step = 'form' | 'confirm' | 'done';
type FieldErrors = { amount?: string[]; reason?: string[]; restock?: string[]; form?: string };

const button = 'rounded-lg px-4 py-2 text-sm font-semibold disabled:cursor-not-allowed disabled:opacity-60';
const primary = `${button} bg-brand-700 text-white hover:bg-brand-600`;
const danger = `${button} bg-red-700 text-white hover:bg-red-600`;
const secondary = `${button} border border-stone-300 bg-white text-stone-800 hover:border-stone-900`;

export function RefundDialog(props: RefundDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [key, setKey] = useState('');
  const [step, setStep] = useState<Step>('form');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [restock, setRestock] = useState<Record<string, string>>({});
  const [returned, setReturned] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const reasonErrors = useStandingErrors(errors.reason);
  const [done, setDone] = useState<RefundActionData | null>(null);
  const [pending, startTransition] = useTransition();
  const money = (amount: number) => formatMoney({ amount, currency: props.currency });

  function open() {
    setKey(newKey());
    setStep('form');
    setAmount(toDecimalString({ amount: props.remaining, currency: props.currency }));
    setReason('');
    setRestock({});
    setReturned({});
    setErrors({});
    setDone(null);
    dialog.current?.showModal();
  }

  function close() {
    if (!pending) dialog.current?.close();
  }

  const restockLines = props.lines
    .flatMap((line) => [
      { line, quantity: Number(restock[line.variantId] || 0), returnedToStock: false },
      { line, quantity: Number(returned[line.variantId] || 0), returnedToStock: true },
    ])
    .filter(({ quantity }) => Number.isInteger(quantity) && quantity > 0);

  function input() {
    return {
      orderId: props.orderId,
      amount,
      reason,
      restock: restockLines.map(({ line, quantity, returnedToStock }) =>
        returnedToStock ? { variantId: line.variantId, quantity, returnedToStock } : { variantId: line.variantId, quantity },
      ),
      idempotencyKey: key,
    };
  }

  function review(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldErrors = {};
    const add = (field: 'amount' | 'reason' | 'restock', message: string) => {
      found[field] = [...(found[field] ?? []), message];
    };
    const parsed = refundFormSchema.safeParse(input());
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === 'amount' || field === 'reason' || field === 'restock') add(field, issue.message);
      }
    }
    const typed = refundFormSchema.shape.amount.safeParse(amount);
    if (typed.success && typed.data > props.remaining) add('amount', `Only ${money(props.remaining)} can still be refunded`);
    for (const line of props.lines) {
      const quantity = Number(restock[line.variantId] || 0);
      if (!Number.isInteger(quantity) || quantity < 0) add('restock', `${line.label}: enter a whole number of items`);
      else if (quantity > line.restockable) add('restock', `${line.label}: at most ${line.restockable} can go back in stock`);
      const back = Number(returned[line.variantId] || 0);
      if (!Number.isInteger(back) || back < 0) add('restock', `${line.label}: enter a whole number of returned items`);
      else if (back > (line.returnable ?? 0)) add('restock', `${line.label}: at most ${line.returnable ?? 0} shipped can come back`);
    }
    setErrors(found);
    if (Object.keys(found).length === 0) setStep('confirm');
  }

  function submit() {
    startTransition(async () => {
      const result = (await refundOrderAction(input())) as DoorResult<RefundActionData>;
      if (result?.data) {
        setDone(result.data);
        setStep('done');
        return;
      }
      const fields = result?.validationErrors?.fieldErrors;
      const failure = actionFailure(result);
      const found: FieldErrors = {};
      if (fields?.amount?.length || fields?.reason?.length || fields?.restock?.length) {
        Object.assign(found, { amount: fields.amount, reason: fields.reason, restock: fields.restock });
      } else if (failure?.code === 'refund_exceeds_remaining') {
        found.amount = [failure.message];
      } else if (failure?.code === 'invalid_input' && restockLines.length > 0 && /restock/i.test(failure.message)) {
        found.restock = [failure.message];
      } else {
        found.form = failure?.message ?? 'Something went wrong. Please try again.';
      }
      // A refused refund is recorded under this key: trying again is a new request, with a new key.
      if (failure?.code === 'refund_rejected' || failure?.code === 'idempotency_key_reused') setKey(newKey());
      setErrors(found);
      setStep('form');
    });
  }

  const parsedAmount = refundFormSchema.shape.amount.safeParse(amount);
  const refundAmount = parsedAmount.success ? parsedAmount.data : 0;

  return (
    <>
      <div className="flex flex-wrap items-center justify-end gap-3">
        {props.unavailable ? (
          <p className="text-sm text-stone-500" id="refund-unavailable" data-testid="not-refundable">
            {props.unavailable}
          </p>
        ) : null}
        <button
          type="button"
          onClick={open}
          disabled={Boolean(props.unavailable)}
          aria-describedby={props.unavailable ? 'refund-unavailable' : undefined}
          className={primary}
        >
          Refund…
        </button>
      </div>
      <dialog
        ref={dialog}
        aria-labelledby="refund-dialog-title"
        onCancel={(event) => {
          if (pending) event.preventDefault();
        }}
        className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-xl border border-stone-200 bg-white p-0 text-stone-900 shadow-xl backdrop:bg-stone-900/50"
      >
        <div className="space-y-4 p-6">
          <div className="flex items-start justify-between gap-4">
            <h2 id="refund-dialog-title" className="text-lg font-semibold">
              Refund order {props.orderNumber}
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

          {step === 'form' ? (
            <form onSubmit={review} noValidate className="space-y-4">
              {errors.form ? (
                <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                  {errors.form}
                </p>
              ) : null}
              <TextField
                idPrefix="refund"
                label="Amount (₦)"
                name="amount"
                inputMode="decimal"
                autoComplete="off"
                value={amount}
                onChange={(event) => setAmount(event.target.value)}
                hint={`Up to ${money(props.remaining)} of the ${money(props.paid)} paid can be refunded.`}
                errors={errors.amount}
                autoFocus
              />
              <div>
                <label htmlFor="refund-reason" className="block text-sm font-medium text-stone-800">
                  Reason
                </label>
                <textarea
                  id="refund-reason"
                  name="reason"
                  rows={2}
                  maxLength={REFUND_REASON_MAX}
                  value={reason}
                  onChange={(event) => {
                    reasonErrors.edited();
                    setReason(event.target.value);
                  }}
                  aria-invalid={reasonErrors.standing ? true : undefined}
                  aria-describedby={['refund-reason-hint', reasonErrors.standing ? 'refund-reason-error' : null].filter(Boolean).join(' ')}
                  className="mt-1 block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900 shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-500"
                />
                <p id="refund-reason-hint" className="mt-1 text-xs text-stone-500">
                  The customer sees it in their refund email.
                </p>
                {reasonErrors.standing ? (
                  <ul id="refund-reason-error" className="mt-1 text-sm text-red-700">
                    {reasonErrors.standing.map((message) => (
                      <li key={message}>{message}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
              {props.lines.length > 0 ? (
                <fieldset aria-describedby={errors.restock?.length ? 'refund-restock-error' : undefined}>
                  <legend className="text-sm font-medium text-stone-800">Put items back in stock (optional)</legend>
                  <p className="mt-1 text-xs text-stone-500">
                    Shipped items go back in stock only if they came back to you: count them under “returned to stock”.
                  </p>
                  <ul className="mt-2 space-y-2">
                    {props.lines.map((line) => (
                      <li key={line.variantId} className="flex items-center justify-between gap-3 text-sm">
                        <label htmlFor={`refund-restock-${line.variantId}`} className="min-w-0">
                          <span className="block truncate">{line.label}</span>
                          <span className="block text-xs text-stone-500">
                            {line.restockable === 0 ? 'Nothing unshipped to restock' : `${line.restockable} of ${line.sold} not shipped can go back`}
                          </span>
                        </label>
                        <input
                          id={`refund-restock-${line.variantId}`}
                          type="number"
                          inputMode="numeric"
                          min={0}
                          max={line.restockable}
                          step={1}
                          disabled={line.restockable === 0}
                          value={restock[line.variantId] ?? ''}
                          placeholder="0"
                          onChange={(event) => setRestock({ ...restock, [line.variantId]: event.target.value })}
                          className="w-20 rounded-lg border border-stone-300 px-2 py-1.5 text-right tabular-nums disabled:bg-stone-100"
                        />
                        {(line.returnable ?? 0) > 0 ? (
                          <span className="flex items-center gap-2">
                            <label htmlFor={`refund-returned-${line.variantId}`} className="text-xs text-stone-600">
                              Returned to stock ({line.returnable} shipped)
                            </label>
                            <input
                              id={`refund-returned-${line.variantId}`}
                              type="number"
                              inputMode="numeric"
                              min={0}
                              max={line.returnable}
                              step={1}
                              value={returned[line.variantId] ?? ''}
                              placeholder="0"
                              onChange={(event) => setReturned({ ...returned, [line.variantId]: event.target.value })}
                              className="w-20 rounded-lg border border-stone-300 px-2 py-1.5 text-right tabular-nums"
                            />
                          </span>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                  {errors.restock?.length ? (
                    <ul id="refund-restock-error" className="mt-2 space-y-0.5 text-sm text-red-700">
                      {errors.restock.map((message) => (
                        <li key={message}>{message}</li>
                      ))}
                    </ul>
                  ) : null}
                </fieldset>
              ) : null}
              <div className="flex justify-end gap-3 pt-2">
                <button type="button" onClick={close} className={secondary}>
                  Cancel
                </button>
                <button type="submit" className={primary}>
                  Review refund
                </button>
              </div>
            </form>
          ) : null}

          {step === 'confirm' ? (
            <div className="space-y-4">
              <div className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950" data-testid="refund-confirmation">
                <p className="font-medium">
                  Refund {money(refundAmount)} of {money(props.paid)} to {props.email}.
                </p>
                <p>
                  {restockLines.length > 0
                    ? `Restock ${restockLines.map(({ line, quantity, returnedToStock }) => `${quantity} × ${line.label}${returnedToStock ? ' (came back)' : ''}`).join(', ')}.`
                    : 'No items go back in stock.'}
                </p>
                <p>Reason: {reason.trim()}</p>
                <p className="text-amber-900/80">
                  Paystack returns the money to the card or account the customer paid with; this cannot be undone.
                  {refundAmount < props.remaining ? ` ${money(props.remaining - refundAmount)} will remain refundable.` : ''}
                </p>
              </div>
              <div className="flex justify-end gap-3">
                <button type="button" onClick={() => setStep('form')} disabled={pending} className={secondary}>
                  Back
                </button>
                <button type="button" onClick={submit} disabled={pending} aria-disabled={pending} className={danger}>
                  {pending ? 'Refunding…' : `Refund ${money(refundAmount)}`}
                </button>
              </div>
            </div>
          ) : null}

          {step === 'done' && done ? (
            <div className="space-y-4">
              <div role="status" className="rounded-lg border border-brand-600/40 bg-brand-50 px-4 py-3 text-sm text-brand-700" data-testid="refund-result">
                {done.outcome === 'accepted' ? (
                  <p>
                    Paystack accepted the refund of {formatMoney(done.refund.amount)}. Its state: {adminRefundStatusLabels[done.refund.status]}. The customer is
                    emailed.
                  </p>
                ) : (
                  <p>
                    The refund of {formatMoney(done.refund.amount)} is recorded, but Paystack has not confirmed it yet. It is retried automatically; its state
                    shows on this page.
                  </p>
                )}
              </div>
              <div className="flex justify-end">
                <button type="button" onClick={close} className={primary}>
                  Done
                </button>
              </div>
            </div>
          ) : null}
        </div>
      </dialog>
    </>
  );
}
