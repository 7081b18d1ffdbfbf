'use server';
// Server action: spend a verify link (the page's confirm button) and sign this browser in. Opening the emailed link only
// shows the page, so a mail scanner that fetches links cannot use it up; the POST here does, once, before it expires —
// with the registering browser's cookie, or else the account's password (see lib/auth/verify-email.ts). The sign-in
// ticket goes back in an httpOnly cookie scoped to /api/auth, and the form then signs in with it.
import { zfd } from 'zod-form-data';
import {
  SIGN_IN_TICKET_COOKIE,
  SIGN_IN_TICKET_COOKIE_PATH,
  SIGN_IN_TICKET_MAX_AGE_SECONDS,
  VERIFY_BROWSER_COOKIE,
  VERIFY_BROWSER_COOKIE_PATH,
} from '@/lib/auth/browser-cookies';
import { verifyEmail } from '@/lib/auth/verify-email';
import { env } from '@/lib/core/env';
import { formText, publicAction } from '@/lib/server/doors/actions';
import { cartSessionCookie } from '@/lib/server/doors/cart-session';

const verifyForm = zfd.formData({ token: formText(600), password: formText(1_000) });

export type VerifyEmailState = { status: 'idle' } | { status: 'verified'; email: string } | { status: 'refused'; message: string; needsPassword?: boolean };

export const verifyEmailAction = publicAction.inputSchema(verifyForm).stateAction<VerifyEmailState>(async ({ parsedInput, ctx }) => {
  const allowed = await ctx.deps.limiter().limit('accountLinksByIp', ctx.ip);
  if (!allowed.allowed) {
    return { status: 'refused', message: allowed.reason === 'unavailable' ? 'Please try again in a moment.' : 'Too many attempts. Please wait a few minutes.' };
  }
  const jar = await ctx.deps.cookieJar();
  const result = await verifyEmail(
    { db: ctx.deps.db, secret: env().NEXTAUTH_SECRET },
    { token: parsedInput.token, password: parsedInput.password, browserSecret: jar.get(VERIFY_BROWSER_COOKIE)?.value },
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
  const { options } = cartSessionCookie('');
  jar.delete({ name: VERIFY_BROWSER_COOKIE, path: VERIFY_BROWSER_COOKIE_PATH });
  jar.set(SIGN_IN_TICKET_COOKIE, result.value.signInTicket, {
    ...options,
    sameSite: 'strict',
    path: SIGN_IN_TICKET_COOKIE_PATH,
    maxAge: SIGN_IN_TICKET_MAX_AGE_SECONDS,
  });
  return { status: 'verified', email: result.value.email };
});
