// Use case: the credentials sign-in. Validate, slow down and rate-limit (fail closed), ask an account under attack for
// a solved proof-of-work challenge, check the password, answer an
// unverified account like a wrong password (and email its owner a fresh link), then merge the guest cart. Everything it
// touches comes in as an argument, so the next-auth config (lib/server/doors/auth-options.ts) only wires it and a test runs
// it with its own limits and clock.
import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '@/db/client';
import { mailboxKey } from './mailbox';
import { signInSchema } from './schemas';
import { type SignInChallenges, SURGE_EXTRA_BITS } from './sign-in-challenge';
import type { SignInDelay } from './sign-in-delay';
import { challengeSignInCode, delayedSignInCode, SIGN_IN_ERROR } from './sign-in-errors';
import type { CheckedAccount } from './types';
import { verifyCredentials } from './verify-credentials';

/** The limiter's answer (the same shape as the app's fail-closed rate limiter gives). */
export type SignInLimitDecision =
  | { allowed: true }
  | { allowed: false; reason: 'rate_limited'; retryAfterSeconds: number }
  | { allowed: false; reason: 'unavailable' };

type SignInPolicy = 'signInByIp' | 'signInByEmail' | 'signInByEmailSurge' | 'signInByEmailCeiling';

/**
 * The sign-in windows of the app's rate limiter: failed attempts per client address (a hard limit); per mailbox (past
 * it the account is under attack, and every attempt at it must solve a challenge); and, counting only attempts that
 * paid a challenge, the surge (past it the challenge is harder) and the ceiling (past it sign-in is closed until the
 * owner resets the password by email).
 */
export interface SignInLimiter {
  limit(policy: SignInPolicy, identifier: string): Promise<SignInLimitDecision>;
  refund(policy: SignInPolicy, identifier: string): Promise<void>;
}

export interface SignInDeps {
  db: DbOrTx;
  limiter: SignInLimiter;
  delay: SignInDelay;
  challenges: SignInChallenges;
  /** Emails a fresh verify link to an unverified owner who typed the right password. Must not throw. */
  resendVerification: (userId: string) => Promise<void>;
  /** Folds the request's guest cart into the account's cart. Must not throw: a failed merge never blocks sign-in. */
  mergeGuestCart: (userId: string) => Promise<void>;
  /** Milliseconds since the epoch: the session's sign-in time. */
  now?: () => number;
}

export interface SignInRequest {
  credentials: Record<string, string> | undefined;
  /** The caller's address bucket (lib/server/doors/request-meta.ts). */
  address: string;
}

/** Who signed in, and the new session's id and sign-in time (admin sessions are timed by them). */
export type SignedInUser = Pick<CheckedAccount, 'id' | 'email' | 'name' | 'role' | 'sessionVersion'> & { sessionId: string; signedInAt: number };

/**
 * Returns the user for the session, null for the one generic failure, or throws a SIGN_IN_ERROR code (next-auth hands
 * a thrown message to the client as the sign-in `error`).
 */
export async function signIn(deps: SignInDeps, request: SignInRequest): Promise<SignedInUser | null> {
  const { credentials, address } = request;
  const parsed = signInSchema.safeParse({ email: credentials?.email, password: credentials?.password });

  // First the delay for this account from this address. An attempt that must still wait is refused before anything
  // else counts it, so hammering during the wait neither lengthens it nor uses up the account's window.
  if (parsed.success) {
    const waited = await deps.delay.attempt(parsed.data.email, address);
    if (!waited.allowed) throw new Error(waited.reason === 'unavailable' ? SIGN_IN_ERROR.unavailable : delayedSignInCode(waited.retryAfterSeconds));
  }
  // Then the windows, before any password work: per address, and per mailbox when the email is well-formed.
  const [byIp, byEmail] = await Promise.all([
    deps.limiter.limit('signInByIp', address),
    parsed.success ? deps.limiter.limit('signInByEmail', mailboxKey(parsed.data.email)) : Promise.resolve({ allowed: true as const }),
  ]);
  if ((!byIp.allowed && byIp.reason === 'unavailable') || (!byEmail.allowed && byEmail.reason === 'unavailable')) {
    throw new Error(SIGN_IN_ERROR.unavailable);
  }
  if (!byIp.allowed) throw new Error(SIGN_IN_ERROR.rateLimited);
  if (!parsed.success) return null;

  // Many failed attempts at this account from many addresses: not a wall (a wall would let a few addresses lock its
  // owner out hour after hour) but a price. Each attempt must bring a solved, unspent challenge; without one it is
  // answered with a fresh challenge and the password is not even looked at.
  if (!byEmail.allowed) await payForAttempt(deps, parsed.data.email, credentials);

  const result = await verifyCredentials(deps, parsed.data);
  if (!result.ok) return null;
  const account = result.value;

  if (!account.emailVerified) {
    // The right password on an address nobody has verified yet: the owner gets a fresh link, and this attempt is
    // answered — and counted — exactly like a wrong password. Anything else would let a stranger who registers an
    // address and then signs in with their own password learn whether it already had an account.
    await deps.resendVerification(account.id);
    return null;
  }

  // Only failed attempts should count: give back what this successful one used, and start this address's delay again.
  await Promise.all([
    deps.limiter.refund('signInByIp', address),
    byEmail.allowed ? deps.limiter.refund('signInByEmail', mailboxKey(parsed.data.email)) : undefined,
    deps.delay.succeeded(parsed.data.email, address),
  ]);
  await deps.mergeGuestCart(account.id);
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    role: account.role,
    sessionVersion: account.sessionVersion,
    sessionId: randomUUID(),
    signedInAt: (deps.now ?? Date.now)(),
  };
}

/**
 * An attempt at an account under attack must bring a solved challenge. Only paid attempts count towards the surge
 * (past it the price goes up: a harder challenge) and the ceiling (past it sign-in is closed for the window, and the
 * owner's way in is a password reset by email), so nobody can push an account up either window without doing the work.
 */
async function payForAttempt(deps: SignInDeps, email: string, credentials: Record<string, string> | undefined): Promise<void> {
  const paid = await deps.challenges.redeem(email, credentials?.challenge, credentials?.solution);
  if (paid.kind === 'unavailable') throw new Error(SIGN_IN_ERROR.unavailable);
  if (paid.kind === 'invalid') throw new Error(challengeSignInCode(deps.challenges.issue(email)));

  const account = mailboxKey(email);
  const [surge, ceiling] = await Promise.all([deps.limiter.limit('signInByEmailSurge', account), deps.limiter.limit('signInByEmailCeiling', account)]);
  if ((!surge.allowed && surge.reason === 'unavailable') || (!ceiling.allowed && ceiling.reason === 'unavailable')) {
    throw new Error(SIGN_IN_ERROR.unavailable);
  }
  if (!ceiling.allowed) throw new Error(SIGN_IN_ERROR.accountLocked);
  if (!surge.allowed && paid.bits < deps.challenges.bits + SURGE_EXTRA_BITS)
    throw new Error(challengeSignInCode(deps.challenges.issue(email, SURGE_EXTRA_BITS)));
}
