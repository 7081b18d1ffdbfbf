// Use case: a signed-in shopper changes their password. It takes the current password (a session left open on a shared
// computer must not be enough), applies the same strength rules as registration, and then does what a reset does to
// the account's other ways in: every session signed in before — this one too — ends (the session version moves; the
// page signs this browser straight back in with the new password), open reset links die, and the owner is emailed
// "your password was changed" through the outbox, written in the same transaction as the change.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { users } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { spendOpenAuthTokens } from '../auth/auth-tokens';
import { checkPassword, passwordIssueMessages } from '../auth/password-rules';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { revokeSessions } from '../auth/sessions';
import { err, ok, type Result } from '../core/result';
import { enqueue } from '../outbox/enqueue';

export const changePasswordInputSchema = z.object({
  currentPassword: z.string({ error: 'Enter your current password.' }).min(1, 'Enter your current password.').max(1024),
  newPassword: z.string({ error: 'Choose a new password.' }).min(1, 'Choose a new password.').max(1024),
});

export type ChangePasswordInput = z.infer<typeof changePasswordInputSchema>;

export type ChangePasswordError =
  | { code: 'current_password_incorrect' }
  | { code: 'weak_password'; messages: string[] }
  /** Someone changed it in between (another tab): nothing was written; the shopper tries again with the newer one. */
  | { code: 'changed_since_read' };

export interface ChangePasswordDeps {
  db: Database;
  hash?: (password: string) => Promise<string>;
  now?: () => Date;
}

export async function changePassword(
  deps: ChangePasswordDeps,
  input: ChangePasswordInput & { userId: string },
): Promise<Result<{ email: string }, ChangePasswordError>> {
  const [account] = await deps.db.select({ email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId));
  if (!account || !(await verifyPassword(input.currentPassword, account.passwordHash))) return err({ code: 'current_password_incorrect' });
  const issues = checkPassword(input.newPassword, { email: account.email }).map((issue) => passwordIssueMessages[issue]);
  if (input.newPassword === input.currentPassword) issues.push('Choose a password different from your current one.');
  if (issues.length > 0) return err({ code: 'weak_password', messages: issues });
  // bcrypt before the transaction: no row stays locked for a quarter of a second.
  const passwordHash = await (deps.hash ?? hashPassword)(input.newPassword);
  const now = deps.now?.() ?? new Date();

  return deps.db.transaction(async (tx) => {
    // Guarded by the hash that was checked: of two changes racing from two tabs, exactly one lands.
    const changed = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, input.userId), eq(users.passwordHash, account.passwordHash)))
      .returning({ id: users.id });
    if (changed.length === 0) return err({ code: 'changed_since_read' as const });
    await revokeSessions(tx, input.userId);
    await spendOpenAuthTokens(tx, input.userId, 'reset_password', now);
    const changeId = randomUUID();
    await recordAudit(tx, {
      actor: { type: 'user', id: input.userId },
      action: 'user.password_changed',
      entityType: 'user',
      entityId: input.userId,
      metadata: { changeId, sessionsEnded: true },
    });
    await enqueue(tx, [{ event: 'account/password-changed', payload: { userId: input.userId, changeId, changedAt: now.toISOString() }, dedupeKey: changeId }]);
    return ok({ email: account.email });
  });
}
