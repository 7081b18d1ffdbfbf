'use client';
// Edit name and phone. After a save the session is asked to refresh (next-auth's update, which re-reads the name from
// the database, never from this request), so the header shows the new name at once.
import { useQueryClient } from '@tanstack/react-query';
import { getCsrfToken } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useRef } from 'react';
import { meQueryKey } from '@/components/auth/user-menu';
import { actionFailure } from '@/components/ui/action-result';
import { TextField } from '@/components/ui/fields';
import { type ProfileFormState, updateProfileAction } from '../actions';

async function refreshSession(): Promise<void> {
  const csrfToken = await getCsrfToken();
  await fetch('/api/auth/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ csrfToken, data: {} }) });
}

export function ProfileForm({ email, name, phone }: { email: string; name: string; phone: string }) {
  async function submit(previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
    const result = await updateProfileAction({ data: previous }, formData);
    const values = { name: String(formData.get('name') ?? ''), phone: String(formData.get('phone') ?? '') };
    return result.data ?? { status: 'invalid', message: actionFailure(result)?.message ?? 'Something went wrong. Please try again.', fieldErrors: {}, values };
  }
  const [state, action, pending] = useActionState(submit, { status: 'idle' });
  const queryClient = useQueryClient();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.status === 'idle' ? { name, phone } : state.values;
  const errors = state.status === 'invalid' ? state.fieldErrors : {};

  useEffect(() => {
    if (state.status === 'saved') {
      void refreshSession().then(() => {
        void queryClient.invalidateQueries({ queryKey: meQueryKey });
        router.refresh();
      });
    }
    if (state.status === 'invalid') formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state, queryClient, router]);

  return (
    <form ref={formRef} action={action} noValidate className="mt-4 grid gap-4 sm:max-w-md">
      <p className="text-sm">
        <span className="text-stone-500">Email: </span>
        {email}
      </p>
      <TextField
        idPrefix="profile"
        label="Name"
        name="name"
        autoComplete="name"
        required
        defaultValue={values.name}
        errors={errors.name}
        key={`name-${values.name}`}
      />
      <TextField
        idPrefix="profile"
        label="Phone (optional)"
        name="phone"
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        defaultValue={values.phone}
        errors={errors.phone}
        hint="A Nigerian number, e.g. 0803 123 4567"
        key={`phone-${values.phone}`}
      />
      <div aria-live="polite">
        {state.status === 'saved' ? (
          <p role="status" className="rounded-lg border border-brand-600/30 bg-brand-50 px-3 py-2 text-sm">
            Your details are saved.
          </p>
        ) : null}
        {state.status === 'invalid' && Object.keys(errors).length === 0 ? (
          <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {state.message}
          </p>
        ) : null}
      </div>
      <button
        type="submit"
        disabled={pending}
        aria-disabled={pending}
        className="justify-self-start rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600 disabled:cursor-wait disabled:opacity-70"
      >
        {pending ? 'Saving…' : 'Save details'}
      </button>
    </form>
  );
}
