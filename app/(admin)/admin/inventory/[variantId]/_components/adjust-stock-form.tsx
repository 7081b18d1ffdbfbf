'use client';
// Adjust a variant's stock: set on hand to a counted figure, or add or remove units, with a reason. The form sends the
// on-hand figure it shows; if on hand moved meanwhile the server refuses with the numbers as they are now,
// and the page refreshes so the next attempt is made against those. A preview says what on hand will become.
import { useRouter } from 'next/navigation';
import { type FormEvent, useState, useTransition } from 'react';
import { adjustStockAction } from '../actions';
import { actionFailure, type DoorResult } from '@/components/ui/action-result';
import { TextField } from '@/components/ui/fields';
import { type AdjustMode, type StockLevels, targetOnHand } from '@/lib/inventory/stock-rules';
import { adjustStockFormSchema, STOCK_REASON_MAX } from '@/lib/inventory/stock-forms';

interface AdjustStockFormProps {
  variantId: string;
  stockOnHand: number;
  reserved: number;
}

type Errors = { quantity?: string[]; reason?: string[]; mode?: string[]; form?: string };

const modes: Array<{ value: AdjustMode; label: string; quantityLabel: string }> = [
  { value: 'add', label: 'Add units', quantityLabel: 'Units to add' },
  { value: 'remove', label: 'Remove units', quantityLabel: 'Units to remove' },
  { value: 'set', label: 'Set on hand (stocktake)', quantityLabel: 'Units on hand' },
];

export function AdjustStockForm(props: AdjustStockFormProps) {
  const router = useRouter();
  const [mode, setMode] = useState<AdjustMode>('add');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const input = { variantId: props.variantId, expectedOnHand: props.stockOnHand, mode, quantity, reason };
  const parsedQuantity = adjustStockFormSchema.shape.quantity.safeParse(quantity);
  const target = parsedQuantity.success ? targetOnHand(props.stockOnHand, mode, parsedQuantity.data) : null;
  const quantityLabel = modes.find((entry) => entry.value === mode)?.quantityLabel ?? 'Units';
  const belowHeld = target !== null && target < props.reserved;
  const floorMessage =
    props.reserved > 0 ? `On hand cannot go below ${props.reserved}: that many are held for orders waiting for payment.` : 'On hand cannot go below 0.';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const checked = adjustStockFormSchema.safeParse(input);
    const found: Errors = {};
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const field = issue.path[0];
        if (field === 'quantity' || field === 'reason' || field === 'mode') found[field] = [...(found[field] ?? []), issue.message];
      }
    }
    if (belowHeld) found.quantity = [...(found.quantity ?? []), floorMessage];
    if (Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    startTransition(async () => {
      const result = (await adjustStockAction(input)) as DoorResult<{ before: StockLevels; after: StockLevels }>;
      if (result?.data) {
        const { before, after } = result.data;
        setDone(`Saved: on hand ${before.stockOnHand} → ${after.stockOnHand} (${after.available} available).`);
        setQuantity('');
        setReason('');
        setErrors({});
        router.refresh();
        return;
      }
      const fields = result?.validationErrors?.fieldErrors;
      const failure = actionFailure(result);
      if (fields?.quantity?.length || fields?.reason?.length || fields?.mode?.length) {
        setErrors({ quantity: fields.quantity, reason: fields.reason, mode: fields.mode });
      } else if (failure?.code === 'stock_below_reserved') {
        setErrors({ quantity: [failure.message] });
      } else {
        setErrors({ form: failure?.message ?? 'Something went wrong. Please try again.' });
      }
      // The numbers moved (or may have): show them as they are now, which the next attempt will carry.
      if (failure?.code === 'changed_since_read' || failure?.code === 'stock_below_reserved') router.refresh();
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-labelledby="adjust-heading" data-testid="adjust-stock-form">
      <h2 id="adjust-heading" className="text-lg font-semibold">
        Adjust stock
      </h2>
      {errors.form ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="adjust-stock-error">
          {errors.form}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="rounded-lg border border-brand-600/40 bg-brand-50 px-3 py-2 text-sm text-brand-700" data-testid="adjust-stock-done">
          {done}
        </p>
      ) : null}
      <fieldset>
        <legend className="text-sm font-medium text-stone-800">Change</legend>
        <div className="mt-1 flex flex-wrap gap-2">
          {modes.map((entry) => (
            <label
              key={entry.value}
              className="flex cursor-pointer items-center gap-2 rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
            >
              <input
                type="radio"
                name="mode"
                value={entry.value}
                checked={mode === entry.value}
                onChange={() => setMode(entry.value)}
                className="accent-brand-700"
              />
              {entry.label}
            </label>
          ))}
        </div>
      </fieldset>
      <TextField
        idPrefix="adjust"
        label={quantityLabel}
        name="quantity"
        inputMode="numeric"
        autoComplete="off"
        value={quantity}
        onChange={(event) => setQuantity(event.target.value)}
        errors={errors.quantity}
        hint={
          target === null || belowHeld
            ? `Now ${props.stockOnHand} on hand, ${props.reserved} reserved.`
            : `On hand ${props.stockOnHand} → ${target}; available ${props.stockOnHand - props.reserved} → ${target - props.reserved}.`
        }
        className="max-w-xs"
      />
      <div>
        <label htmlFor="adjust-reason" className="block text-sm font-medium text-stone-800">
          Reason
        </label>
        <input
          id="adjust-reason"
          name="reason"
          maxLength={STOCK_REASON_MAX}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          placeholder="Delivery from supplier, stocktake, damaged…"
          aria-invalid={errors.reason?.length ? true : undefined}
          aria-describedby={errors.reason?.length ? 'adjust-reason-error' : 'adjust-reason-hint'}
          className="mt-1 block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900 shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-500"
        />
        {errors.reason?.length ? (
          <ul id="adjust-reason-error" className="mt-1 text-sm text-red-700">
            {errors.reason.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : (
          <p id="adjust-reason-hint" className="mt-1 text-xs text-stone-500">
            Kept in the audit log with your name.
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-600 disabled:cursor-not-allowed disabled:opacity-60"
      >
        {pending ? 'Saving…' : 'Save adjustment'}
      </button>
    </form>
  );
}
