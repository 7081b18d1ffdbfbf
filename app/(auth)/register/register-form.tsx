'use client';

import { useActionState } from 'react';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password-rules';
import { FormField, SubmitButton } from '@/components/auth/form-parts';
import { actionFailure } from '@/components/ui/action-result';
import { type RegisterState, registerAction } from './actions';

export function RegisterForm() {
  // The next step comes by email whether or not the address already had an account, so there is no sign-in here.
  async function submit(previous: RegisterState, formData: FormData): Promise<RegisterState> {
    const result = await registerAction({ data: previous }, formData);
    const failure = actionFailure(result);
    return result.data ?? { status: 'error', message: failure?.message ?? '', fieldErrors: {}, values: { email: '', name: '' } };
  }

  const [state, action, pending] = useActionState(submit, { status: 'idle' });

  if (state.status === 'check_email') {
    return (
      <div role="status" className="mt-6 space-y-2 rounded-lg border border-brand-600/30 bg-brand-50 px-4 py-3 text-sm">
        <p className="font-medium">Check your email to continue.</p>
        <p>
          We have sent a message to <strong>{state.email}</strong> with the next step. It can take a minute or two; look in your spam folder if it does not
          arrive.
        </p>
      </div>
    );
  }

  const errors = state.status === 'error' ? state.fieldErrors : {};
  const values = state.status === 'error' ? state.values : { email: '', name: '' };
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      {state.status === 'error' ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      <FormField label="Name" name="name" autoComplete="name" required defaultValue={values.name} errors={errors.name} />
      <FormField label="Email" name="email" type="email" autoComplete="email" required defaultValue={values.email} errors={errors.email} />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters, with a letter and a digit or symbol.`}
        errors={errors.password}
      />
      <SubmitButton pending={pending} idle="Create account" busy="Creating account…" />
    </form>
  );
}
