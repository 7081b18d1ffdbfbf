'use server';
// Server action: create a customer account (never an admin — the role is not an input); the form then signs in.
import { headers } from 'next/headers';
import { db } from '@/db';
import { registerUser } from '@/lib/auth/register-user';
import { limit } from '@/lib/server/rate-limit';
import { clientIp } from '@/lib/server/request-meta';

type Field = 'email' | 'name' | 'password';

export type RegisterState =
  | { status: 'idle' }
  | { status: 'registered'; email: string }
  | { status: 'error'; message: string; fieldErrors: Partial<Record<Field, string[]>>; values: { email: string; name: string } };

const text = (formData: FormData, key: string) => {
  // Server actions are public endpoints: anything but a form is treated as an empty one.
  const value = formData instanceof FormData ? formData.get(key) : null;
  return typeof value === 'string' ? value : '';
};

export async function registerAction(_previous: RegisterState, formData: FormData): Promise<RegisterState> {
  const input = { email: text(formData, 'email'), name: text(formData, 'name'), password: text(formData, 'password') };
  const values = { email: input.email, name: input.name };

  const ip = clientIp(Object.fromEntries(await headers()));
  const allowed = await limit('registerByIp', ip);
  if (!allowed.allowed) {
    const message =
      allowed.reason === 'unavailable'
        ? 'Registration is temporarily unavailable. Please try again shortly.'
        : 'Too many sign-ups from your network. Please try again later.';
    return { status: 'error', message, fieldErrors: {}, values };
  }

  const result = await registerUser({ db }, input);
  if (result.ok) return { status: 'registered', email: result.value.email };
  if (result.error.code === 'email_taken') {
    return {
      status: 'error',
      message: 'An account with this email already exists.',
      fieldErrors: { email: ['An account with this email already exists. Sign in instead.'] },
      values,
    };
  }
  return { status: 'error', message: 'Please correct the highlighted fields.', fieldErrors: result.error.fieldErrors, values };
}
