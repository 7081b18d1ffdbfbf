'use client';

import { useQueryClient } from '@tanstack/react-query';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useActionState } from 'react';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password-rules';
import { FormField, SubmitButton } from '@/components/auth/form-parts';
import { actionFailure } from '@/components/ui/action-result';
import { type RegisterState, registerAction } from './actions';

export function RegisterForm({ callbackPath }: { callbackPath: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();

  // After the account exists, sign in through next-auth like any sign-in, so the guest cart merges the same way.
  async function submit(previous: RegisterState, formData: FormData): Promise<RegisterState> {
    const result = await registerAction({ data: previous }, formData);
    const failure = actionFailure(result);
    const state: RegisterState = result.data ?? { status: 'error', message: failure?.message ?? '', fieldErrors: {}, values: { email: '', name: '' } };
    if (state.status !== 'registered') return state;
    const signedIn = await signIn('credentials', {
      redirect: false,
      email: state.email,
      password: String(formData.get('password') ?? ''),
      callbackUrl: callbackPath,
    }).catch(() => undefined);
    if (signedIn?.ok && !signedIn.error) {
      router.replace(callbackPath === '/' ? '/account' : callbackPath);
    } else {
      router.replace(`/sign-in?${new URLSearchParams({ callbackUrl: callbackPath })}`);
    }
    router.refresh();
    void queryClient.resetQueries();
    return state;
  }

  const [state, action, pending] = useActionState(submit, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : {};
  const values = state.status === 'error' ? state.values : { email: '', name: '' };

  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      {state.status === 'error' ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      {state.status === 'registered' ? (
        <p role="status" className="rounded-lg border border-brand-600/30 bg-brand-50 px-3 py-2 text-sm">
          Account created. Signing you in…
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
      <SubmitButton pending={pending || state.status === 'registered'} idle="Create account" busy="Creating account…" />
    </form>
  );
}
