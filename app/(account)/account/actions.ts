'use server';
// The account page's server actions, through the signed-in door: edit the profile, change the password. Each parses its
// form with zod-form-data, then with the use case's own schema (field errors by name, what was typed handed back),
// rate-limits per account and calls one use case — the same ones PATCH /api/account and POST /api/account/password call.
import { zfd } from 'zod-form-data';
import { changePassword, changePasswordInputSchema } from '@/lib/account/change-password';
import { profileInputSchema, updateProfile } from '@/lib/account/profile';
import { errorMessage, fieldErrorsOf } from '@/lib/errors';
import { formText, userAction } from '@/lib/server/doors/actions';
import { relayAfterResponse } from '@/lib/server/deps/jobs';

type FieldErrors = Record<string, string[]>;

const profileForm = zfd.formData({ name: formText(1_000), phone: formText(100) });

export type ProfileFormState =
  | { status: 'idle' }
  | { status: 'saved'; values: { name: string; phone: string } }
  | { status: 'invalid'; message: string; fieldErrors: FieldErrors; values: { name: string; phone: string } };

export const updateProfileAction = userAction
  .metadata({ rateLimit: ({ deps, user, ip }) => deps.limiter().limit('accountWritesByUser', user?.id ?? ip) })
  .inputSchema(profileForm)
  .stateAction<ProfileFormState>(async ({ parsedInput, ctx }) => {
    const values = { name: parsedInput.name, phone: parsedInput.phone };
    const parsed = profileInputSchema.safeParse(values);
    if (!parsed.success) return { status: 'invalid', message: errorMessage('invalid_input'), fieldErrors: fieldErrorsOf(parsed.error), values };
    const updated = await updateProfile(ctx.deps.db, ctx.user.id, parsed.data);
    if (!updated.ok) return { status: 'invalid', message: errorMessage('unauthenticated'), fieldErrors: {}, values };
    return { status: 'saved', values: { name: updated.value.name, phone: updated.value.phone ?? '' } };
  });

const passwordForm = zfd.formData({ currentPassword: formText(1_024), newPassword: formText(1_024) });

export type PasswordFormState = { status: 'idle' } | { status: 'changed' } | { status: 'invalid'; message: string; fieldErrors: FieldErrors };

// Counted per account before the current password is looked at: a found, signed-in browser is no guessing oracle.
export const changePasswordAction = userAction
  .metadata({ rateLimit: ({ deps, user, ip }) => deps.limiter().limit('passwordChangeByUser', user?.id ?? ip) })
  .inputSchema(passwordForm)
  .stateAction<PasswordFormState>(async ({ parsedInput, ctx }) => {
    const parsed = changePasswordInputSchema.safeParse(parsedInput);
    if (!parsed.success) return { status: 'invalid', message: errorMessage('invalid_input'), fieldErrors: fieldErrorsOf(parsed.error) };
    const changed = await changePassword({ db: ctx.deps.db }, { userId: ctx.user.id, ...parsed.data });
    if (changed.ok) {
      relayAfterResponse();
      return { status: 'changed' };
    }
    const error = changed.error;
    switch (error.code) {
      case 'weak_password':
        return { status: 'invalid', message: errorMessage('invalid_input'), fieldErrors: { newPassword: error.messages } };
      case 'current_password_incorrect':
        return { status: 'invalid', message: errorMessage('invalid_input'), fieldErrors: { currentPassword: [errorMessage(error.code)] } };
      default:
        return { status: 'invalid', message: errorMessage(error.code), fieldErrors: {} };
    }
  });
