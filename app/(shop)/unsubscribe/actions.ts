'use server';
// "Stop reminder emails" from the recovery email's unsubscribe page, through the public door: the signed link is
// the only proof needed (the shopper may not have an account), and recording an opt-out twice is harmless.
import { zfd } from 'zod-form-data';
import { env } from '@/lib/core/env';
import { optOutOfEmails } from '@/lib/recovery/email-opt-out';
import { formText, publicAction } from '@/lib/server/doors/actions';

export type UnsubscribeState = { status: 'idle' } | { status: 'unsubscribed'; email: string } | { status: 'refused'; message: string };

const unsubscribeForm = zfd.formData({ token: formText(600) });

export const unsubscribeAction = publicAction.inputSchema(unsubscribeForm).stateAction<UnsubscribeState>(async ({ parsedInput, ctx }) => {
  const { token } = parsedInput;
  const result = token ? await optOutOfEmails({ db: ctx.deps.db, secret: env().NEXTAUTH_SECRET }, token) : null;
  if (!result?.ok) return { status: 'refused', message: 'This unsubscribe link is not valid. Please use the link in the email again.' };
  return { status: 'unsubscribed', email: result.value.email };
});
