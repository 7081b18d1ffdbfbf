// Sessions are JWTs the server cannot delete, so each carries the account's session version from sign-in; the doors
// compare it with the database on every request (lib/server/deps/door-deps.ts). Bumping the version ends every session the
// account has: a password reset does, and so does an operator's `admin:create --reset`.
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { users } from '../../db/schema';

/** Signs the account out everywhere. Returns the new version, or null when there is no such account. */
export async function revokeSessions(db: DbOrTx, userId: string): Promise<number | null> {
  const [row] = await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  return row?.sessionVersion ?? null;
}

/**
 * Whether a session still counts: the account exists and the session was signed in at its current version or later.
 * A token from before versions existed carries none and counts as 0, so it lives until the account's first reset.
 */
export function sessionIsCurrent(tokenVersion: number | undefined, versionNow: number | null): boolean {
  return versionNow !== null && (tokenVersion ?? 0) >= versionNow;
}
