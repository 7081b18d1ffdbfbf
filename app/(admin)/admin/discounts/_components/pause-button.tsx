'use client';
// Pause or resume one code. Pausing stops new checkouts using it at once; orders already placed keep their price.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { actionFailure } from '@/components/ui/action-result';
import { setDiscountPausedAction } from '../actions';

export function PauseButton({ discountCodeId, code, paused }: { discountCodeId: string; code: string; paused: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [problem, setProblem] = useState<string | null>(null);
  const toggle = () =>
    startTransition(async () => {
      const failure = actionFailure(await setDiscountPausedAction({ discountCodeId, paused: !paused }));
      setProblem(failure?.message ?? null);
      if (!failure) router.refresh();
    });
  return (
    <div>
      <button
        type="button"
        onClick={toggle}
        disabled={pending}
        aria-disabled={pending}
        aria-label={`${paused ? 'Resume' : 'Pause'} ${code}`}
        className="rounded-lg border border-stone-300 px-3 py-1 text-sm font-medium text-brand-700 hover:bg-stone-100 disabled:cursor-wait disabled:opacity-70"
      >
        {pending ? '…' : paused ? 'Resume' : 'Pause'}
      </button>
      {problem ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
