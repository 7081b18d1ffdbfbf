// Use cases behind the emailed "confirm your address" link: spending it (once, before it expires) marks the address
// verified and signs that browser in; and sending a fresh one when an unverified owner signs in.
//
// Why the link alone is not enough: it proves the inbox, not who chose the password. A stranger could register
// someone's address first with a password of their own; if the owner's click on the "confirm" email finished that
// account, the stranger could sign in to an account whose address is now "verified" (and whose order history would
// gather the owner's guest orders). So confirming takes the link AND one of:
// - the registering browser: registration leaves a random value in an httpOnly cookie (only its SHA-256 is kept on the
//   link), and the same browser opening the link within an hour of registering confirms with one click — the person
//   holding the link and the person who chose the password are then the same browser. A stranger's browser has the
//   cookie but never sees the link; the owner's browser sees the link but has no cookie.
// - otherwise (another device, later than an hour, a resent link) the account's password.
// Confirming then signs in: a one-time sign-in ticket (256 bits, 2 minutes, stored as a hash, spent by the sign-in) goes
// to that browser only, in the confirm button's answer — never in an email, a URL or a log. Opening the link changes nothing (mail scanners
// fetch links); the confirm button's POST does, once, before the link expires.
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import { err, ok, type Result } from '@/lib/core/result';
import { joinGuestOrders } from '../orders/join-guest-orders';
import { claimAuthToken, findUsableAuthToken, isSameBrowser, issueAuthToken, issueSignInTicket } from './auth-tokens';
import { verifyPassword } from './passwords';

export type AuthLinkError = { code: 'invalid_or_expired_link' };
export type VerifyEmailError = AuthLinkError | { code: 'wrong_password' } | { code: 'password_required' };

export interface VerifyEmailDeps {
  db: DbOrTx;
  /** Derives the sign-in ticket (NEXTAUTH_SECRET in the app). */
  secret: string;
  now?: () => Date;
}

/** What the verify page offers: one click in the registering browser, the password field everywhere else. */
export async function verifyLinkState(deps: { db: DbOrTx; now?: () => Date }, input: { token: unknown; browserSecret?: unknown }) {
  const now = deps.now?.() ?? new Date();
  const link = await findUsableAuthToken(deps.db, 'verify_email', input.token, now);
  if (!link) return null;
  return { email: link.email, sameBrowser: isSameBrowser(link, input.browserSecret, now) };
}

export async function verifyEmail(
  deps: VerifyEmailDeps,
  input: { token: unknown; password?: unknown; browserSecret?: unknown },
): Promise<Result<{ email: string; userId: string; signInTicket: string }, VerifyEmailError>> {
  const now = deps.now?.() ?? new Date();
  const link = await findUsableAuthToken(deps.db, 'verify_email', input.token, now);
  if (!link) return err({ code: 'invalid_or_expired_link' as const });
  if (!isSameBrowser(link, input.browserSecret, now)) {
    if (typeof input.password !== 'string' || input.password.length === 0) return err({ code: 'password_required' as const });
    const [owner] = await deps.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, link.userId));
    // A wrong password leaves the link usable: the owner may have mistyped.
    if (!owner || !(await verifyPassword(input.password, owner.passwordHash))) return err({ code: 'wrong_password' as const });
  }
  return deps.db.transaction(async (tx) => {
    const claimed = await claimAuthToken(tx, 'verify_email', input.token, now);
    if (!claimed) return err({ code: 'invalid_or_expired_link' as const });
    const [user] = await tx
      .update(users)
      .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(eq(users.id, claimed.userId))
      .returning({ email: users.email });
    if (!user) return err({ code: 'invalid_or_expired_link' as const });
    // The address is proven now: guest orders placed with it join this account's history.
    await joinGuestOrders(tx, claimed.userId);
    const signInTicket = await issueSignInTicket(tx, { secret: deps.secret, userId: claimed.userId, now });
    return ok({ email: user.email, userId: claimed.userId, signInTicket });
  });
}

/**
 * A fresh verify link for an account that signed in with the right password before verifying (at most one per email
 * window). Returns whether one was queued; false for a verified or missing account, or one that just had a link.
 * It carries no browser binding: confirming it takes the password.
 */
export async function resendVerification(deps: { db: DbOrTx; secret: string; now?: () => Date }, userId: string): Promise<boolean> {
  const now = deps.now?.() ?? new Date();
  return deps.db.transaction(async (tx) => {
    const [user] = await tx.select({ verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, userId));
    if (!user || user.verifiedAt !== null) return false;
    return (await issueAuthToken(tx, { secret: deps.secret, userId, purpose: 'verify_email', event: 'account/verify-email', now })) !== null;
  });
}
