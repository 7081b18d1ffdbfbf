'use client';
// The unsubscribe page's confirm button: opening the email's link only asks; this POST (a server action) records it,
// so a mail scanner that follows every link cannot unsubscribe anyone.
import Link from 'next/link';
import { useActionState } from 'react';
import { type UnsubscribeState, unsubscribeAction } from '../actions';
import { actionFailure } from '@/components/ui/action-result';

export function UnsubscribeForm({ token, email }: { token: string; email: string }) {
  const [result, action, pending] = useActionState(unsubscribeAction, {});
  const failure = actionFailure(result);
  const state: UnsubscribeState = result.data ?? (failure ? { status: 'refused', message: failure.message } : { status: 'idle' });

  if (state.status === 'unsubscribed') {
    return (
      <div role="status" className="space-y-3" data-testid="unsubscribed">
        <p className="font-medium">Done. We will not send reminder emails to {state.email} again.</p>
        <p className="text-sm text-stone-600">You will still get the confirmation and receipt for any order you place.</p>
        <Link href="/" className="inline-block font-medium text-brand-700 underline underline-offset-2">
          Continue shopping
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      {state.status === 'refused' ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      <p className="text-stone-700">
        Stop reminder emails to <strong>{email}</strong>?
      </p>
      <button
        type="submit"
        disabled={pending}
        aria-disabled={pending}
        className="rounded-lg bg-brand-700 px-5 py-3 font-semibold text-white hover:bg-brand-600 disabled:cursor-wait disabled:opacity-70"
      >
        {pending ? 'Unsubscribing…' : 'Unsubscribe'}
      </button>
    </form>
  );
}
