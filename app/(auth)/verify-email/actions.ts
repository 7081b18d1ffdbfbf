'use server';
// Server action: spend a verify link (the page's confirm button, with the account's password). Opening the emailed
// link only shows the page, so a mail scanner that fetches links cannot use it up; the POST here does, once, before it
// expires — and only with the password the account was registered with (see lib/auth/verify-email.ts).
import { zfd } from 'zod-form-data';
import { verifyEmail } from '@/lib/auth/verify-email';
import { formText, publicAction } from '@/lib/server/doors/actions';

const verifyForm = zfd.formData({ token: formText(600), password: formText(1_000) });

export type VerifyEmailState = { status: 'idle' } | { status: 'verified'; email: string } | { status: 'refused'; message: string };

export const verifyEmailAction = publicAction.inputSchema(verifyForm).stateAction<VerifyEmailState>(async ({ parsedInput, ctx }) => {
  const allowed = await ctx.deps.limiter().limit('accountLinksByIp', ctx.ip);
  if (!allowed.allowed) {
    return { status: 'refused', message: allowed.reason === 'unavailable' ? 'Please try again in a moment.' : 'Too many attempts. Please wait a few minutes.' };
  }
  const result = await verifyEmail({ db: ctx.deps.db }, { token: parsedInput.token, password: parsedInput.password });
  if (!result.ok) {
    return result.error.code === 'wrong_password'
      ? {
          status: 'refused',
          message:
            'That is not the password this account was created with. If you did not create it, use “Forgot your password?” on the sign-in page to set your own.',
        }
      : { status: 'refused', message: 'This link has expired or was already used.' };
  }
  return { status: 'verified', email: result.value.email };
});
