// Use case: check an email and password. One failure value for every reason, so callers cannot leak which it was.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import { err, ok, type Result } from '@/lib/core/result';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { signInSchema } from './schemas';
import type { CheckedAccount } from './types';

export type VerifyCredentialsError = { code: 'invalid_credentials' };

/**
 * The account when the password is right — verified or not: the caller decides what an unverified account may do, and
 * must answer it exactly like a wrong password (see lib/auth/sign-in.ts), or registration would leak.
 */
export async function verifyCredentials(
  /** `hashCost`: the cost of the hash an unknown email is compared with (default: the cost new passwords get). */
  deps: { db: DbOrTx; hashCost?: number },
  input: { email: unknown; password: unknown },
): Promise<Result<CheckedAccount, VerifyCredentialsError>> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return err({ code: 'invalid_credentials' });
  const { email, password } = parsed.data;

  const [user] = await deps.db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      passwordHash: users.passwordHash,
      emailVerifiedAt: users.emailVerifiedAt,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    // Matches the unique index on lower(email), so the lookup is an index probe.
    .where(sql`lower(${users.email}) = ${email}`)
    .limit(1);

  // Always run one bcrypt comparison: an unknown email takes as long as a wrong password.
  const matches = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash(deps.hashCost)));
  if (!user || !matches) return err({ code: 'invalid_credentials' });
  return ok({
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    emailVerified: user.emailVerifiedAt !== null,
    sessionVersion: user.sessionVersion,
  });
}
