'use server';
// Server action: create a customer account (never an admin — the role is not an input); the form then signs in.
import { registerUser } from '@/lib/auth/register-user';
import { formDataInput, publicAction } from '@/lib/server/actions';

type Field = 'email' | 'name' | 'password';

export type RegisterState =
  | { status: 'idle' }
  | { status: 'registered'; email: string }
  | { status: 'error'; message: string; fieldErrors: Partial<Record<Field, string[]>>; values: { email: string; name: string } };

const text = (formData: FormData, key: string) => {
  const value = formData.get(key);
  return typeof value === 'string' ? value : '';
};

export const registerAction = publicAction.inputSchema(formDataInput).stateAction<RegisterState>(async ({ parsedInput, ctx }) => {
  const input = { email: text(parsedInput, 'email'), name: text(parsedInput, 'name'), password: text(parsedInput, 'password') };
  const values = { email: input.email, name: input.name };

  const allowed = await ctx.deps.limiter().limit('registerByIp', ctx.ip);
  if (!allowed.allowed) {
    const message =
      allowed.reason === 'unavailable'
        ? 'Registration is temporarily unavailable. Please try again shortly.'
        : 'Too many sign-ups from your network. Please try again later.';
    return { status: 'error', message, fieldErrors: {}, values };
  }

  const result = await registerUser({ db: ctx.deps.db }, input);
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
});
