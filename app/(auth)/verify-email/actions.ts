'use server';
// Server action: spend a verify link (the page's confirm button). Opening the emailed link only shows the page, so a
// mail scanner that fetches links cannot use it up; the POST here does, once, before it expires.
import { verifyEmail } from '@/lib/auth/verify-email';
import { formDataInput, publicAction } from '@/lib/server/actions';

export type VerifyEmailState = { status: 'idle' } | { status: 'verified'; email: string } | { status: 'refused'; message: string };

export const verifyEmailAction = publicAction.inputSchema(formDataInput).stateAction<VerifyEmailState>(async ({ parsedInput, ctx }) => {
  const allowed = await ctx.deps.limiter().limit('accountLinksByIp', ctx.ip);
  if (!allowed.allowed) {
    return { status: 'refused', message: allowed.reason === 'unavailable' ? 'Please try again in a moment.' : 'Too many attempts. Please wait a few minutes.' };
  }
  const result = await verifyEmail({ db: ctx.deps.db }, parsedInput.get('token'));
  if (!result.ok) return { status: 'refused', message: 'This link has expired or was already used.' };
  return { status: 'verified', email: result.value.email };
});
