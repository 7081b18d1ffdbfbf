'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormField, SubmitButton } from '@/components/auth/form-parts';
import { actionFailure } from '@/components/ui/action-result';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password-rules';
import { type RequestResetState, type ResetPasswordState, requestPasswordResetAction, resetPasswordAction } from './actions';

const alertClass = 'rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800';
const statusClass = 'mt-6 space-y-2 rounded-lg border border-brand-600/30 bg-brand-50 px-4 py-3 text-sm';

/** "Email me a link": the answer is the same whether or not the address has an account. */
export function RequestResetForm() {
  async function submit(previous: RequestResetState, formData: FormData): Promise<RequestResetState> {
    const result = await requestPasswordResetAction({ data: previous }, formData);
    return result.data ?? { status: 'error', message: actionFailure(result)?.message ?? '', fieldErrors: {}, email: '' };
  }
  const [state, action, pending] = useActionState(submit, { status: 'idle' });

  if (state.status === 'sent') {
    return (
      <div role="status" className={statusClass}>
        <p className="font-medium">Check your email.</p>
        <p>
          If <strong>{state.email}</strong> has an account with us, a link to choose a new password is on its way. It works once, within an hour.
        </p>
      </div>
    );
  }
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      {state.status === 'error' ? (
        <p role="alert" className={alertClass}>
          {state.message}
        </p>
      ) : null}
      <FormField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.status === 'error' ? state.email : ''}
        errors={state.status === 'error' ? state.fieldErrors.email : undefined}
      />
      <SubmitButton pending={pending} idle="Email me a link" busy="Sending…" />
    </form>
  );
}

/** The emailed link's form: choose a new password under the same rules as registration. */
export function NewPasswordForm({ token, email }: { token: string; email: string }) {
  async function submit(previous: ResetPasswordState, formData: FormData): Promise<ResetPasswordState> {
    const result = await resetPasswordAction({ data: previous }, formData);
    return result.data ?? { status: 'error', message: actionFailure(result)?.message ?? '', fieldErrors: {} };
  }
  const [state, action, pending] = useActionState(submit, { status: 'idle' });

  if (state.status === 'done') {
    return (
      <div role="status" className={statusClass}>
        <p className="font-medium">Your password is changed.</p>
        <p>Every device that was signed in to this account has been signed out.</p>
        <Link href="/sign-in" className="inline-block font-medium text-brand-700 underline underline-offset-2">
          Sign in with your new password
        </Link>
      </div>
    );
  }
  if (state.status === 'link_unusable') {
    return (
      <div className="mt-6 space-y-2">
        <p role="alert" className={alertClass}>
          This link has expired or was already used. Ask for a new one below.
        </p>
        <RequestResetForm />
      </div>
    );
  }
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      {state.status === 'error' ? (
        <p role="alert" className={alertClass}>
          {state.message}
        </p>
      ) : null}
      <input type="hidden" name="token" value={token} />
      {/* Lets a password manager file the new password under the right account. */}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <FormField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters, with a letter and a digit or symbol.`}
        errors={state.status === 'error' ? state.fieldErrors.password : undefined}
      />
      <SubmitButton pending={pending} idle="Set new password" busy="Saving…" />
    </form>
  );
}
