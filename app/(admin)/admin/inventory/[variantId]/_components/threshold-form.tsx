'use client';
// A variant's low-stock threshold: at or below this many available, it shows under "Low stock" and the admins' digest
// mentions it. Audited; it is not a stock movement, so it does not make an open stock form stale.
import { useRouter } from 'next/navigation';
import { type FormEvent, useState, useTransition } from 'react';
import { setLowStockThresholdAction } from '../actions';
import { actionFailure, type DoorResult } from '@/components/ui/action-result';
import { TextField } from '@/components/ui/fields';
import { thresholdFormSchema } from '@/lib/inventory/stock-forms';

export function ThresholdForm({ variantId, threshold }: { variantId: string; threshold: number }) {
  const router = useRouter();
  const [value, setValue] = useState(String(threshold));
  const [errors, setErrors] = useState<string[] | undefined>();
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const checked = thresholdFormSchema.safeParse({ variantId, threshold: value });
    if (!checked.success) {
      setErrors(checked.error.issues.map((issue) => issue.message));
      return;
    }
    startTransition(async () => {
      const result = (await setLowStockThresholdAction({ variantId, threshold: value })) as DoorResult<{ before: number; after: number }>;
      if (result?.data) {
        setErrors(undefined);
        setDone(result.data.before === result.data.after ? 'Unchanged.' : `Saved: threshold ${result.data.before} → ${result.data.after}.`);
        router.refresh();
        return;
      }
      setErrors(result?.validationErrors?.fieldErrors?.threshold ?? [actionFailure(result)?.message ?? 'Something went wrong. Please try again.']);
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-labelledby="threshold-heading">
      <h2 id="threshold-heading" className="text-lg font-semibold">
        Low-stock threshold
      </h2>
      <div className="flex flex-wrap items-start gap-3">
        <TextField
          idPrefix="threshold"
          label="Low when available is at or below"
          name="threshold"
          inputMode="numeric"
          autoComplete="off"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          errors={errors}
          className="w-72"
        />
        <button
          type="submit"
          disabled={pending}
          className="mt-7 rounded-lg border border-stone-300 bg-white px-4 py-2 text-sm font-semibold text-stone-800 hover:border-stone-900 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {pending ? 'Saving…' : 'Save threshold'}
        </button>
      </div>
      {done ? (
        <p role="status" className="text-sm text-brand-700">
          {done}
        </p>
      ) : null}
    </form>
  );
}
