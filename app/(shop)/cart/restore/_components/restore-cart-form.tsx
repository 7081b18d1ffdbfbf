'use client';
// The restore page's confirm button: opening the email's link only shows the items; this POST (a server action)
// puts them back. When every line fits, the action redirects to the cart; otherwise this says what changed.
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useActionState, useEffect } from 'react';
import { type RestoreCartState, restoreCartAction } from '../actions';
import { actionFailure } from '@/components/ui/action-result';
import { cartQueryKey } from '@/components/cart/cart-api';

const cartLink = 'inline-block rounded-lg bg-brand-700 px-5 py-3 font-semibold text-white hover:bg-brand-600';

export function RestoreCartForm({ token }: { token: string }) {
  const [result, action, pending] = useActionState(restoreCartAction, {});
  const failure = actionFailure(result);
  const state: RestoreCartState = result.data ?? (failure ? { status: 'refused', code: 'invalid', message: failure.message } : { status: 'idle' });
  const client = useQueryClient();
  useEffect(() => {
    // The header's cart count is a client query: show the restored lines in it too.
    if (state.status === 'restored') void client.invalidateQueries({ queryKey: cartQueryKey });
  }, [client, state.status]);

  if (state.status === 'restored') {
    return (
      <div className="space-y-4" data-testid="restore-result">
        <div role="status" className="space-y-2">
          <p className="font-medium">
            {state.restored === 0
              ? 'None of the items could go back in your cart.'
              : `We put ${state.restored === 1 ? '1 item' : `${state.restored} items`} back in your cart.`}
          </p>
          {state.messages.map((message) => (
            <p key={message} className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
              {message}
            </p>
          ))}
        </div>
        <Link href={state.restored === 0 ? '/' : '/cart'} className={cartLink}>
          {state.restored === 0 ? 'Continue shopping' : 'Go to your cart'}
        </Link>
      </div>
    );
  }

  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      {state.status === 'refused' ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}{' '}
          {state.code === 'already_used' ? (
            <Link href="/cart" className="font-medium underline underline-offset-2">
              Go to your cart
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
        {pending ? 'Restoring your cart…' : 'Put these items back in my cart'}
      </button>
    </form>
  );
}
