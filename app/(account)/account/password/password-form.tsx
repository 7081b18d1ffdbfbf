'use client';
// Current and new password. A change ends every session of the account, this one too (the session version moves), so
// on success this browser signs straight back in with the new password it just typed — the other devices stay out.
import { useQueryClient } from '@tanstack/react-query';
import { signIn } from 'next-auth/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useRef, useState } from 'react';
import { actionFailure } from '@/components/ui/action-result';
import { TextField } from '@/components/ui/fields';
import { changePasswordAction, type PasswordFormState } from '../actions';

export function PasswordForm({ email }: { email: string }) {
  const newPassword = useRef('');
  async function submit(previous: PasswordFormState, formData: FormData): Promise<PasswordFormState> {
    newPassword.current = String(formData.get('newPassword') ?? '');
    const result = await changePasswordAction({ data: previous }, formData);
    return result.data ?? { status: 'invalid', message: actionFailure(result)?.message ?? 'Something went wrong. Please try again.', fieldErrors: {} };
  }
  const [state, action, pending] = useActionState(submit, { status: 'idle' });
  const [signedBackIn, setSignedBackIn] = useState<'pending' | 'yes' | 'no'>('pending');
  const router = useRouter();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state.status === 'invalid' ? state.fieldErrors : {};

  useEffect(() => {
    if (state.status === 'invalid') formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    if (state.status !== 'changed') return;
    const password = newPassword.current;
    newPassword.current = '';
    signIn('credentials', { redirect: false, email, password })
      .then((result) => setSignedBackIn(result?.ok && !result.error ? 'yes' : 'no'))
      .catch(() => setSignedBackIn('no'))
      .finally(() => {
        router.refresh();
        void queryClient.resetQueries();
      });
  }, [state, email, router, queryClient]);

  if (state.status === 'changed') {
    return (
      <div role="status" className="mt-6 space-y-3">
        <p className="rounded-lg border border-brand-600/30 bg-brand-50 px-3 py-2 text-sm">
          Your password is changed. Every other device has been signed out.
          {signedBackIn === 'yes' ? ' You are still signed in here.' : signedBackIn === 'pending' ? ' Keeping you signed in here…' : ''}
        </p>
        {signedBackIn === 'no' ? (
          <Link href="/sign-in?callbackUrl=%2Faccount" className="inline-block font-medium text-brand-700 underline underline-offset-2">
            Sign in with your new password
          </Link>
        ) : null}
      </div>
    );
  }
  return (
    <form ref={formRef} action={action} noValidate className="mt-6 grid gap-4 sm:max-w-md">
      {/* Lets a password manager file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        idPrefix="password"
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={errors.currentPassword}
      />
      <TextField
        idPrefix="password"
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={errors.newPassword}
        hint="At least 10 characters, with a letter and a digit or symbol; not your email address."
      />
      {state.status === 'invalid' && Object.keys(errors).length === 0 ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        aria-disabled={pending}
        className="justify-self-start rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600 disabled:cursor-wait disabled:opacity-70"
      >
        {pending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
