'use client';
// The confirm button (with the password field when this is not the registering browser). Once confirmed, the action
// answers with a one-time sign-in ticket (2 minutes, single use): signing in with it needs nothing typed.
import { useQueryClient } from '@tanstack/react-query';
import { signIn } from 'next-auth/react';
import Link from 'next/link';
import { useActionState, useEffect, useState } from 'react';
import { SubmitButton } from '@/components/auth/form-parts';
import { collectMergeNotices } from '@/components/cart/merge-notices';
import { actionFailure } from '@/components/ui/action-result';
import { TextField } from '@/components/ui/fields';
import { type VerifyEmailState, verifyEmailAction } from './actions';

type SignInState = 'signing_in' | 'signed_in' | 'failed';

export function VerifyEmailForm({ token, askPassword }: { token: string; askPassword: boolean }) {
  async function submit(previous: VerifyEmailState, formData: FormData): Promise<VerifyEmailState> {
    const result = await verifyEmailAction({ data: previous }, formData);
    return result.data ?? { status: 'refused', message: actionFailure(result)?.message ?? 'Something went wrong. Please try again.' };
  }
  const [state, action, pending] = useActionState(submit, { status: 'idle' });
  const [signedIn, setSignedIn] = useState<SignInState>('signing_in');
  const queryClient = useQueryClient();

  const ticket = state.status === 'verified' ? state.signInTicket : null;
  useEffect(() => {
    if (!ticket) return;
    signIn('credentials', { redirect: false, ticket })
      .then(async (result) => {
        const ok = Boolean(result?.ok && !result.error);
        if (ok) await collectMergeNotices();
        setSignedIn(ok ? 'signed_in' : 'failed');
        // Only the client's queries (the header's menu and cart badge): refreshing the server page would re-render it
        // for the link just spent ("This link does not work") instead of this confirmation.
        void queryClient.resetQueries();
      })
      .catch(() => setSignedIn('failed'));
  }, [ticket, queryClient]);

  if (state.status === 'verified') {
    return (
      <div role="status" className="mt-6 space-y-3">
        <p className="rounded-lg border border-brand-600/30 bg-brand-50 px-3 py-2 text-sm">
          Your email address {state.email} is confirmed.
          {signedIn === 'signed_in' ? ' You are signed in.' : signedIn === 'signing_in' ? ' Signing you in…' : ''}
        </p>
        {signedIn === 'failed' ? (
          <Link href="/sign-in" className="inline-block rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600">
            Sign in
          </Link>
        ) : signedIn === 'signed_in' ? (
          <div className="flex flex-wrap gap-3">
            <Link href="/account" className="inline-block rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600">
              Go to your account
            </Link>
            <Link href="/" className="inline-block rounded-lg border border-stone-300 px-4 py-2 font-medium hover:bg-stone-50">
              Continue shopping
            </Link>
          </div>
        ) : null}
      </div>
    );
  }
  const showPassword = askPassword || (state.status === 'refused' && state.needsPassword === true);
  return (
    <form action={action} className="mt-6 space-y-4">
      <input type="hidden" name="token" value={token} />
      {showPassword ? (
        <TextField
          idPrefix="verify"
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          hint="The one you chose when you registered."
        />
      ) : null}
      {state.status === 'refused' ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      <SubmitButton pending={pending} idle="Confirm and sign in" busy="Confirming…" />
    </form>
  );
}
