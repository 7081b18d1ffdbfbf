// Use cases behind the emailed "confirm your address" link: spending it (once, before it expires) marks the address
// verified, after which the account may sign in; and sending a fresh one when an unverified owner signs in.
//
// Confirming takes the link AND the account's password. The link alone proves the inbox, not who chose the password:
// a stranger could register someone's address first with a password of their own, and the owner, clicking the
// "confirm" email that arrives, would verify an account the stranger can sign in to. With the password required, the
// owner cannot finish that account and goes through "forgot password" instead, which sets their own.
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import { err, ok, type Result } from '@/lib/core/result';
import { claimAuthToken, findUsableAuthToken, issueAuthToken } from './auth-tokens';
import { verifyPassword } from './passwords';

export type AuthLinkError = { code: 'invalid_or_expired_link' };
export type VerifyEmailError = AuthLinkError | { code: 'wrong_password' };

export async function verifyEmail(
  deps: { db: DbOrTx; now?: () => Date },
  input: { token: unknown; password: unknown },
): Promise<Result<{ email: string }, VerifyEmailError>> {
  const now = deps.now?.() ?? new Date();
  const account = await findUsableAuthToken(deps.db, 'verify_email', input.token, now);
  if (!account) return err({ code: 'invalid_or_expired_link' as const });
  const [owner] = await deps.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, account.userId));
  // A wrong password leaves the link usable: the owner may have mistyped.
  if (!owner || typeof input.password !== 'string' || !(await verifyPassword(input.password, owner.passwordHash))) {
    return err({ code: 'wrong_password' as const });
  }
  return deps.db.transaction(async (tx) => {
    const claimed = await claimAuthToken(tx, 'verify_email', input.token, now);
    if (!claimed) return err({ code: 'invalid_or_expired_link' as const });
    const [user] = await tx
      .update(users)
      .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(eq(users.id, claimed.userId))
      .returning({ email: users.email });
    return user ? ok({ email: user.email }) : err({ code: 'invalid_or_expired_link' as const });
  });
}

/**
 * A fresh verify link for an account that signed in with the right password before verifying (at most one per email
 * window). Returns whether one was queued; false for a verified or missing account, or one that just had a link.
 */
export async function resendVerification(deps: { db: DbOrTx; secret: string; now?: () => Date }, userId: string): Promise<boolean> {
  const now = deps.now?.() ?? new Date();
  return deps.db.transaction(async (tx) => {
    const [user] = await tx.select({ verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, userId));
    if (!user || user.verifiedAt !== null) return false;
    return (await issueAuthToken(tx, { secret: deps.secret, userId, purpose: 'verify_email', event: 'account/verify-email', now })) !== null;
  });
}
