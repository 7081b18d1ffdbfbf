// Use cases behind "forgot your password": asking for a link (the same answer whether or not the address has an account)
// and spending it to set a new password. A reset also verifies the address (the link proved the inbox), spends every
// other open reset link of the account, and signs the account out everywhere.
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import { err, ok, type Result } from '@/lib/core/result';
import { claimAuthToken, findUsableAuthToken, issueAuthToken, spendOpenAuthTokens } from './auth-tokens';
import { checkPassword, passwordIssueMessages } from './password-rules';
import { hashPassword } from './passwords';
import { emailSchema } from './schemas';
import { joinGuestOrders } from '../orders/join-guest-orders';
import { revokeSessions } from './sessions';
import type { AuthLinkError } from './verify-email';

export interface ResetDeps {
  db: DbOrTx;
  hash?: (password: string) => Promise<string>;
  now?: () => Date;
}

/** Queues a reset link when the address has an account; the result says nothing about whether it had one. */
export async function requestPasswordReset(
  deps: { db: DbOrTx; secret: string; now?: () => Date },
  input: unknown,
): Promise<Result<{ email: string }, { code: 'invalid_email'; message: string }>> {
  const parsed = emailSchema.safeParse(input);
  if (!parsed.success) return err({ code: 'invalid_email', message: parsed.error.issues[0]?.message ?? 'Enter a valid email address.' });
  const email = parsed.data;
  const now = deps.now?.() ?? new Date();
  await deps.db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
    if (user) await issueAuthToken(tx, { secret: deps.secret, userId: user.id, purpose: 'reset_password', event: 'account/password-reset', now });
  });
  return ok({ email });
}

/** Whether a reset link can still be used, and for which address (the new password may not contain it). */
export function resetLinkAccount(deps: { db: DbOrTx; now?: () => Date }, token: unknown) {
  return findUsableAuthToken(deps.db, 'reset_password', token, deps.now?.() ?? new Date());
}

export type ResetPasswordError = AuthLinkError | { code: 'weak_password'; messages: string[] };

export async function resetPassword(
  deps: ResetDeps,
  input: { token: unknown; password: string },
): Promise<Result<{ userId: string; email: string }, ResetPasswordError>> {
  const now = deps.now?.() ?? new Date();
  const account = await findUsableAuthToken(deps.db, 'reset_password', input.token, now);
  if (!account) return err({ code: 'invalid_or_expired_link' });
  const issues = checkPassword(input.password, { email: account.email });
  if (issues.length > 0) return err({ code: 'weak_password', messages: issues.map((issue) => passwordIssueMessages[issue]) });
  // bcrypt before the transaction: no row stays locked for a quarter of a second.
  const passwordHash = await (deps.hash ?? hashPassword)(input.password);

  return deps.db.transaction(async (tx) => {
    // Spent here, under the row's lock: of two submissions of one link, only one sets a password.
    const claimed = await claimAuthToken(tx, 'reset_password', input.token, now);
    if (!claimed) return err({ code: 'invalid_or_expired_link' as const });
    await tx
      .update(users)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(eq(users.id, claimed.userId));
    await revokeSessions(tx, claimed.userId);
    await spendOpenAuthTokens(tx, claimed.userId, 'reset_password', now);
    // The link proved the inbox, so the address counts as verified: guest orders placed with it join the account.
    await joinGuestOrders(tx, claimed.userId);
    return ok({ userId: claimed.userId, email: account.email });
  });
}
