'use client';
// Create a discount code: code, percent or fixed amount (in naira), and the optional rules. Errors land under their
// fields; on success the form clears and the list above it shows the new code.
import { useRouter } from 'next/navigation';
import { type FormEvent, useRef, useState, useTransition } from 'react';
import { TextField } from '@/components/ui/fields';
import { actionFailure, type DoorResult } from '@/components/ui/action-result';
import type { DiscountFieldErrors } from '@/lib/discounts/discount-form';
import { type CreateDiscountState, createDiscountAction } from '../actions';

export function CreateDiscountForm() {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [kind, setKind] = useState<'percent' | 'fixed'>('percent');
  const [errors, setErrors] = useState<DiscountFieldErrors>({});
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const values = Object.fromEntries([...new FormData(form)].map(([key, value]) => [key, typeof value === 'string' ? value : '']));
    startTransition(async () => {
      const result = (await createDiscountAction({ values })) as DoorResult<CreateDiscountState>;
      const failure = actionFailure(result);
      const state = result.data;
      if (failure || !state) {
        setNotice({ tone: 'error', text: failure?.message ?? 'The code could not be created. Please try again.' });
        return;
      }
      if (state.status === 'invalid') {
        setErrors(state.fieldErrors);
        setNotice({ tone: 'error', text: state.message });
        requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
        return;
      }
      setErrors({});
      setNotice({ tone: 'ok', text: `${state.code} created.` });
      form.reset();
      setKind('percent');
      router.refresh();
    });
  };

  // A field's error goes as soon as the admin changes that field.
  const clear = (field: keyof DiscountFieldErrors) => () => setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  const field = { idPrefix: 'discount' } as const;

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      noValidate
      aria-labelledby="new-discount-heading"
      className="space-y-4 rounded-xl border border-stone-200 bg-white p-6"
    >
      <h2 id="new-discount-heading" className="text-lg font-semibold">
        New discount code
      </h2>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <TextField
          {...field}
          label="Code"
          name="code"
          required
          autoComplete="off"
          spellCheck={false}
          maxLength={32}
          errors={errors.code}
          onChange={clear('code')}
          hint="3–32 letters, digits, - or _; any case"
        />
        <fieldset className="sm:col-span-1">
          <legend className="block text-sm font-medium text-stone-800">Kind</legend>
          <div className="mt-2 flex gap-4 text-sm">
            {(['percent', 'fixed'] as const).map((option) => (
              <label key={option} className="flex items-center gap-2">
                <input type="radio" name="kind" value={option} checked={kind === option} onChange={() => setKind(option)} />
                {option === 'percent' ? 'Percentage' : 'Fixed amount'}
              </label>
            ))}
          </div>
        </fieldset>
        <TextField
          {...field}
          label={kind === 'percent' ? 'Percent off' : 'Amount off (₦)'}
          name="value"
          required
          inputMode={kind === 'percent' ? 'numeric' : 'decimal'}
          errors={errors.value}
          onChange={clear('value')}
          hint={kind === 'percent' ? 'A whole number, 1–100' : 'In naira, e.g. 1,500'}
        />
        <TextField
          {...field}
          label="Minimum subtotal (₦, optional)"
          name="minSubtotal"
          inputMode="decimal"
          errors={errors.minSubtotal}
          onChange={clear('minSubtotal')}
          hint="Items only, before delivery"
        />
        <TextField
          {...field}
          label="Starts (optional)"
          name="startsAt"
          type="datetime-local"
          errors={errors.startsAt}
          onChange={clear('startsAt')}
          hint="Lagos time"
        />
        <TextField {...field} label="Ends (optional)" name="endsAt" type="datetime-local" errors={errors.endsAt} onChange={clear('endsAt')} hint="Lagos time" />
        <TextField
          {...field}
          label="Usage limit (optional)"
          name="usageLimit"
          inputMode="numeric"
          errors={errors.usageLimit}
          onChange={clear('usageLimit')}
          hint="Orders in all"
        />
        <TextField
          {...field}
          label="Per customer (optional)"
          name="perCustomerLimit"
          inputMode="numeric"
          errors={errors.perCustomerLimit}
          onChange={clear('perCustomerLimit')}
          hint="Orders per account or email"
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          aria-disabled={pending}
          className="rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-600 disabled:cursor-wait disabled:opacity-70"
        >
          {pending ? 'Creating…' : 'Create code'}
        </button>
        <p role="status" aria-live="polite" className={`text-sm ${notice?.tone === 'error' ? 'text-red-700' : 'text-emerald-800'}`}>
          {notice?.text}
        </p>
      </div>
    </form>
  );
}
