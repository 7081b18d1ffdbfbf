'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { SubmitButton } from '@/components/auth/form-parts';
import { actionFailure } from '@/components/ui/action-result';
import { TextField } from '@/components/ui/fields';
import { type VerifyEmailState, verifyEmailAction } from './actions';

export function VerifyEmailForm({ token }: { token: string }) {
  async function submit(previous: VerifyEmailState, formData: FormData): Promise<VerifyEmailState> {
    const result = await verifyEmailAction({ data: previous }, formData);
    return result.data ?? { status: 'refused', message: actionFailure(result)?.message ?? 'Something went wrong. Please try again.' };
  }
  const [state, action, pending] = useActionState(submit, { status: 'idle' });

  if (state.status === 'verified') {
    return (
      <div role="status" className="mt-6 space-y-3">
        <p className="rounded-lg border border-brand-600/30 bg-brand-50 px-3 py-2 text-sm">Your email address {state.email} is confirmed.</p>
        <Link href="/sign-in" className="inline-block rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="mt-6 space-y-4">
      <input type="hidden" name="token" value={token} />
      <TextField
        idPrefix="verify"
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        hint="The one you chose when you registered."
      />
      {state.status === 'refused' ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      <SubmitButton pending={pending} idle="Confirm my email address" busy="Confirming…" />
    </form>
  );
}
