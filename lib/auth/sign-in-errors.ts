// Codes the credentials `authorize` callback raises and the sign-in form turns into words. Shared by
// server and client; next-auth carries them back as the `error` of the sign-in result.

export const SIGN_IN_ERROR = {
  /** next-auth's own code when authorize returns null: wrong email, wrong password or malformed input. */
  invalidCredentials: 'CredentialsSignin',
  rateLimited: 'RateLimited',
  unavailable: 'SignInUnavailable',
} as const;

export const GENERIC_SIGN_IN_ERROR = 'Email or password is incorrect.';

export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  if (code === SIGN_IN_ERROR.rateLimited) return 'Too many sign-in attempts. Please wait a few minutes and try again.';
  if (code === SIGN_IN_ERROR.unavailable) return 'Sign-in is temporarily unavailable. Please try again shortly.';
  // Every other code (CredentialsSignin included) gets the same words, so nothing reveals which part was wrong.
  return GENERIC_SIGN_IN_ERROR;
}
