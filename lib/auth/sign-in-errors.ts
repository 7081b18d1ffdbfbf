// Codes the credentials `authorize` callback raises and the sign-in form turns into words. Shared by
// server and client; next-auth carries them back as the `error` of the sign-in result.

export const SIGN_IN_ERROR = {
  /** next-auth's own code when authorize returns null: wrong email, wrong password, unverified account or malformed input. */
  invalidCredentials: 'CredentialsSignin',
  rateLimited: 'RateLimited',
  /** `TooManyAttempts:<seconds>`: this account from this address must wait before the next attempt. */
  delayed: 'TooManyAttempts',
  unavailable: 'SignInUnavailable',
  /** `ChallengeRequired:<challenge>`: this account is under attack; solve the challenge and send it with the next attempt. */
  challenge: 'ChallengeRequired',
  /** Past the account's ceiling of paid guesses: closed for the hour; resetting the password by email opens it. */
  accountLocked: 'AccountLocked',
} as const;

export const GENERIC_SIGN_IN_ERROR = 'Email or password is incorrect.';

/** The code for an attempt that must wait, carrying the wait so the form can say how long. */
export const delayedSignInCode = (seconds: number) => `${SIGN_IN_ERROR.delayed}:${Math.max(1, Math.ceil(seconds))}`;

/** The code asking the form to solve `challenge` (lib/auth/challenge-proof.ts) before trying again. */
export const challengeSignInCode = (challenge: string) => `${SIGN_IN_ERROR.challenge}:${challenge}`;

/** The challenge a ChallengeRequired code carries, or null for any other code. */
export function challengeFromCode(code: string | null | undefined): string | null {
  const prefix = `${SIGN_IN_ERROR.challenge}:`;
  return code?.startsWith(prefix) ? code.slice(prefix.length) : null;
}

function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  if (code === SIGN_IN_ERROR.rateLimited) return 'Too many sign-in attempts. Please wait a few minutes and try again.';
  if (code === SIGN_IN_ERROR.unavailable) return 'Sign-in is temporarily unavailable. Please try again shortly.';
  if (code === SIGN_IN_ERROR.accountLocked)
    return 'This account has seen too many failed sign-in attempts and is closed to sign-in for now. Reset your password by email (“Forgot your password?”) to get in straight away.';
  if (challengeFromCode(code) !== null)
    return 'This account has seen many failed sign-in attempts, so your browser must complete a short security check. Please try again.';
  const delayed = new RegExp(`^${SIGN_IN_ERROR.delayed}:(\\d{1,6})$`).exec(code);
  if (delayed?.[1]) return `Too many failed attempts. Please wait ${describeWait(Number(delayed[1]))} before trying again.`;
  // Every other code (CredentialsSignin included) gets the same words, so nothing reveals which part was wrong.
  return GENERIC_SIGN_IN_ERROR;
}
