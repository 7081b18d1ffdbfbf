'use client';
// "Remove" beside one saved card: deletes it (and its token) for good, after the shopper confirms.
import { useActionState } from 'react';
import { actionFailure } from '@/components/ui/action-result';
import { type RemoveCardState, removeCardAction } from '../actions';

export function RemoveCardButton({ cardId, label }: { cardId: string; label: string }) {
  const [result, action, pending] = useActionState(removeCardAction, {});
  const failure = actionFailure(result);
  const state: RemoveCardState = result.data ?? (failure ? { status: 'refused', message: failure.message } : { status: 'idle' });
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm(`Remove ${label}? You can save it again at your next checkout.`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="cardId" value={cardId} />
      <button
        type="submit"
        disabled={pending}
        aria-disabled={pending}
        aria-label={`Remove ${label}`}
        className="rounded-lg border border-stone-300 px-3 py-1.5 text-sm font-medium text-stone-700 hover:bg-stone-50 disabled:opacity-60"
      >
        {pending ? 'Removing…' : 'Remove'}
      </button>
      {state.status === 'refused' ? (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
