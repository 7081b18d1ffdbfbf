'use server';
// Server action: register an address. New or already registered, the answer is the same — "check your email" — and the
// next step arrives by email (a verify link, or for an existing account a sign-in and reset link), so the form never
// tells anyone which addresses have accounts. Never an admin: the role is not an input.
import { zfd } from 'zod-form-data';
import { newBrowserSecret } from '@/lib/auth/auth-tokens';
import { VERIFY_BROWSER_COOKIE, VERIFY_BROWSER_COOKIE_PATH, VERIFY_BROWSER_MAX_AGE_SECONDS } from '@/lib/auth/browser-cookies';
import { cartSessionCookie } from '@/lib/server/doors/cart-session';
import { type RegisterField, registerUser } from '@/lib/auth/register-user';
import { env } from '@/lib/core/env';
import { formText, publicAction } from '@/lib/server/doors/actions';
import { relayAfterResponse } from '@/lib/server/deps/jobs';
import { limitEmailRequest } from '@/lib/server/doors/rate-limit';

export type RegisterState =
  | { status: 'idle' }
  | { status: 'check_email'; email: string }
  | { status: 'error'; message: string; fieldErrors: Partial<Record<RegisterField, string[]>>; values: { email: string; name: string } };

// Lengths are the use case's to judge (with messages by field); these caps only keep a pasted novel out.
const registerForm = zfd.formData({ email: formText(1_000), name: formText(1_000), password: formText(1_000) });

export const registerAction = publicAction.inputSchema(registerForm).stateAction<RegisterState>(async ({ parsedInput, ctx }) => {
  const input = parsedInput;
  const values = { email: input.email, name: input.name };

  const allowed = await limitEmailRequest(ctx.deps.limiter(), { byAddress: 'registerByIp', byMailbox: 'registerByMailbox' }, ctx.ip, input.email);
  if (!allowed.allowed) {
    const message =
      allowed.reason === 'unavailable'
        ? 'Registration is temporarily unavailable. Please try again shortly.'
        : 'Too many sign-ups from your network or for this address. Please try again later.';
    return { status: 'error', message, fieldErrors: {}, values };
  }

  // This browser's proof for the verify link: opened here within the hour, it confirms (and signs in) with one click.
  const browser = newBrowserSecret();
  const result = await registerUser({ db: ctx.deps.db, secret: env().NEXTAUTH_SECRET, browserHash: browser.hash }, input);
  if (!result.ok) return { status: 'error', message: 'Please correct the highlighted fields.', fieldErrors: result.error.fieldErrors, values };
  const { options } = cartSessionCookie('');
  (await ctx.deps.cookieJar()).set(VERIFY_BROWSER_COOKIE, browser.secret, {
    ...options,
    path: VERIFY_BROWSER_COOKIE_PATH,
    maxAge: VERIFY_BROWSER_MAX_AGE_SECONDS,
  });
  relayAfterResponse();
  return { status: 'check_email', email: result.value.email };
});
