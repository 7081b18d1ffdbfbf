'use server';
// Server action: spend a verify link (the page's confirm button) and sign this browser in. Opening the emailed link only
// shows the page, so a mail scanner that fetches links cannot use it up; the POST here does, once, before it expires —
// with the registering browser's cookie, or else the account's password (see lib/auth/verify-email.ts). The one-time
// sign-in ticket goes back in the action's answer to this browser only, and the form signs in with it at once. (Not in
// a cookie: a server action that sets a cookie re-renders its page, which would now show the spent link's "does not
// work" instead of the confirmation.)
import { zfd } from 'zod-form-data';
import { VERIFY_BROWSER_COOKIE } from '@/lib/auth/browser-cookies';
import { verifyEmail } from '@/lib/auth/verify-email';
import { env } from '@/lib/core/env';
import { formText, publicAction } from '@/lib/server/doors/actions';

const verifyForm = zfd.formData({ token: formText(600), password: formText(1_000) });

export type VerifyEmailState =
  | { status: 'idle' }
  | { status: 'verified'; email: string; signInTicket: string }
  | { status: 'refused'; message: string; needsPassword?: boolean };

export const verifyEmailAction = publicAction.inputSchema(verifyForm).stateAction<VerifyEmailState>(async ({ parsedInput, ctx }) => {
  const allowed = await ctx.deps.limiter().limit('accountLinksByIp', ctx.ip);
  if (!allowed.allowed) {
    return { status: 'refused', message: allowed.reason === 'unavailable' ? 'Please try again in a moment.' : 'Too many attempts. Please wait a few minutes.' };
  }
  const browserSecret = (await ctx.deps.cookieJar()).get(VERIFY_BROWSER_COOKIE)?.value;
  const result = await verifyEmail(
    { db: ctx.deps.db, secret: env().NEXTAUTH_SECRET },
    { token: parsedInput.token, password: parsedInput.password, browserSecret },
  );
  if (!result.ok) {
    switch (result.error.code) {
      case 'password_required':
        return { status: 'refused', message: 'Enter the password you chose when you registered.', needsPassword: true };
      case 'wrong_password':
        return {
          status: 'refused',
          needsPassword: true,
          message:
            'That is not the password this account was created with. If you did not create it, use “Forgot your password?” on the sign-in page to set your own.',
        };
      default:
        return { status: 'refused', message: 'This link has expired or was already used.' };
    }
  }
  // The registration cookie stays until it expires: its link is spent, so it proves nothing any more.
  return { status: 'verified', email: result.value.email, signInTicket: result.value.signInTicket };
});
