'use client';
// Shown for a guest order link that has expired: one button emails a fresh link to the address on the order.
import { useState, useTransition } from 'react';
import { type FreshLinkState, requestFreshOrderLinkAction } from '../actions';
import { actionFailure } from '@/components/ui/action-result';

export function ExpiredLinkPanel({ orderId, token }: { orderId: string; token: string }) {
  const [state, setState] = useState<FreshLinkState>({ status: 'idle' });
  const [pending, startTransition] = useTransition();
  const ask = () =>
    startTransition(async () => {
      const result = await requestFreshOrderLinkAction({ orderId, token });
      setState(result?.data ?? { status: 'refused', message: actionFailure(result)?.message ?? 'Please try again.' });
    });
  return (
    <section className="mx-auto max-w-xl space-y-4 rounded-xl border border-stone-200 bg-white p-8 text-center" data-testid="expired-link">
      <h1 className="text-2xl font-semibold tracking-tight">This order link has expired</h1>
      <p className="text-stone-600">Order links work for 30 days. We can email a fresh one to the address the order was placed with.</p>
      {state.status === 'idle' ? (
        <button
          type="button"
          onClick={ask}
          disabled={pending}
          className="rounded-lg bg-brand-700 px-5 py-3 font-semibold text-white hover:bg-brand-600 disabled:cursor-wait disabled:opacity-70"
        >
          {pending ? 'Sending…' : 'Email me a fresh link'}
        </button>
      ) : (
        <p role="status" className={state.status === 'sent' ? 'text-stone-700' : 'text-red-800'}>
          {state.message}
        </p>
      )}
    </section>
  );
}
