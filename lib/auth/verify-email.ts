// Use cases behind the emailed "confirm your address" link: spending it (once, before it expires) marks the address
// verified, after which the account may sign in; and sending a fresh one when an unverified owner signs in.
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import { err, ok, type Result } from '@/lib/result';
import { claimAuthToken, issueAuthToken } from './auth-tokens';

export type AuthLinkError = { code: 'invalid_or_expired_link' };

export async function verifyEmail(deps: { db: DbOrTx; now?: () => Date }, token: unknown): Promise<Result<{ email: string }, AuthLinkError>> {
  const now = deps.now?.() ?? new Date();
  return deps.db.transaction(async (tx) => {
    const claimed = await claimAuthToken(tx, 'verify_email', token, now);
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
