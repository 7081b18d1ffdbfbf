// POST /api/account/password – change the signed-in shopper's password: needs the current one; ends every session (Store API)
import { changePassword, changePasswordInputSchema } from '@/lib/account/change-password';
import { relayAfterResponse } from '@/lib/server/deps/jobs';
import { apiError, apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const POST = route(
  {
    name: 'api/account/password',
    audience: 'user',
    sameOrigin: true,
    body: changePasswordInputSchema,
    // Counted per account before the current password is even looked at.
    rateLimit: ({ user, deps }) => deps.limiter().limit('passwordChangeByUser', user.id),
  },
  async ({ user, body, deps }) => {
    const changed = await changePassword({ db: deps.db }, { userId: user.id, ...body });
    if (!changed.ok) {
      const error = changed.error;
      if (error.code === 'weak_password')
        return apiError('invalid_input', { message: error.messages.join(' '), details: { fieldErrors: { newPassword: error.messages } } });
      return apiError(error.code);
    }
    relayAfterResponse();
    // This session ended with the others (the session version moved): the caller signs in again with the new password.
    return apiJson({ changed: true, signedOut: true });
  },
);
