'use client';
// "Try again": asks the server to start a new Paystack attempt for the SAME order and follows its redirect.
import Link from 'next/link';
import { useActionState } from 'react';
import { type RetryPaymentState, retryPaymentAction } from './retry-payment-action';
import { actionFailure } from '@/components/ui/action-result';

export function RetryPaymentForm({ orderId, token, label = 'Try again' }: { orderId: string; token?: string | null; label?: string }) {
  const [result, action, pending] = useActionState(retryPaymentAction, {});
  const failure = actionFailure(result);
  const state: RetryPaymentState = result.data ?? (failure ? { status: 'error', ...failure } : { status: 'idle' });
  const expired = state.status === 'error' && state.code === 'reservation_expired';
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="orderId" value={orderId} />
      {token ? <input type="hidden" name="token" value={token} /> : null}
      {state.status === 'error' ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}{' '}
          {expired ? (
            <Link href="/cart" className="font-medium underline underline-offset-2">
              Back to your cart
            </Link>
          ) : null}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        aria-disabled={pending}
        className="rounded-lg bg-brand-700 px-5 py-3 font-semibold text-white hover:bg-brand-600 disabled:cursor-wait disabled:opacity-70"
      >
        {pending ? 'Opening Paystack…' : label}
      </button>
    </form>
  );
}
