'use server';
// Server actions of "forgot your password": ask for a link (the same answer whether or not the address has an account;
// the link arrives by email), and spend one to choose a new password — which also signs the account out everywhere
// and lifts the sign-in delays its guessers and its owner had built up.
import { zfd } from 'zod-form-data';
import { mailboxKey } from '@/lib/auth/mailbox';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password-rules';
import { requestPasswordReset, resetPassword } from '@/lib/auth/reset-password';
import { env } from '@/lib/core/env';
import { formText, publicAction } from '@/lib/server/doors/actions';
import { signInDelay } from '@/lib/server/doors/auth-options';
import { relayAfterResponse } from '@/lib/server/deps/jobs';
import { limitEmailRequest } from '@/lib/server/doors/rate-limit';

export type RequestResetState =
  | { status: 'idle' }
  | { status: 'sent'; email: string }
  | { status: 'error'; message: string; fieldErrors: { email?: string[] }; email: string };

export type ResetPasswordState =
  | { status: 'idle' }
  | { status: 'done' }
  | { status: 'error'; message: string; fieldErrors: { password?: string[] } }
  | { status: 'link_unusable' };

const requestResetForm = zfd.formData({ email: formText(1_000) });
const resetForm = zfd.formData({ token: formText(600), password: formText(1_000) });

const refusal = (reason: 'rate_limited' | 'unavailable') =>
  reason === 'unavailable' ? 'This is temporarily unavailable. Please try again shortly.' : 'Too many attempts from your network. Please try again later.';

export const requestPasswordResetAction = publicAction.inputSchema(requestResetForm).stateAction<RequestResetState>(async ({ parsedInput, ctx }) => {
  const { email } = parsedInput;
  const allowed = await limitEmailRequest(ctx.deps.limiter(), { byAddress: 'passwordResetByIp', byMailbox: 'passwordResetByMailbox' }, ctx.ip, email);
  if (!allowed.allowed) return { status: 'error', message: refusal(allowed.reason), fieldErrors: {}, email };
  const result = await requestPasswordReset({ db: ctx.deps.db, secret: env().NEXTAUTH_SECRET }, email);
  if (!result.ok) return { status: 'error', message: 'Please correct the highlighted field.', fieldErrors: { email: [result.error.message] }, email };
  relayAfterResponse();
  return { status: 'sent', email: result.value.email };
});

export const resetPasswordAction = publicAction.inputSchema(resetForm).stateAction<ResetPasswordState>(async ({ parsedInput, ctx }) => {
  const allowed = await ctx.deps.limiter().limit('accountLinksByIp', ctx.ip);
  if (!allowed.allowed) return { status: 'error', message: refusal(allowed.reason), fieldErrors: {} };
  const { password } = parsedInput;
  if (password.length === 0)
    return {
      status: 'error',
      message: 'Please correct the highlighted field.',
      fieldErrors: { password: [`Use at least ${PASSWORD_MIN_LENGTH} characters.`] },
    };
  const result = await resetPassword({ db: ctx.deps.db }, { token: parsedInput.token, password });
  if (!result.ok) {
    if (result.error.code === 'weak_password')
      return { status: 'error', message: 'Please correct the highlighted field.', fieldErrors: { password: result.error.messages } };
    return { status: 'link_unusable' };
  }
  // The owner proved the mailbox: the account's sign-in windows (and a ceiling others pushed it to) start afresh.
  const limiter = ctx.deps.limiter();
  const account = mailboxKey(result.value.email);
  await Promise.all([
    signInDelay().forget(result.value.email),
    ...(['signInByEmail', 'signInByEmailSurge', 'signInByEmailCeiling'] as const).map((policy) => limiter.reset(policy, account)),
  ]);
  return { status: 'done' };
});
