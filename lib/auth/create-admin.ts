// Use case: create the first (or another) admin for a real deployment, or reset one's password — what
// `npm run admin:create` does. Registration can never make an admin; only an operator with database access can.
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import { err, ok, type Result } from '@/lib/core/result';
import { checkPassword, passwordIssueMessages } from './password-rules';
import { hashPassword } from './passwords';
import { emailSchema } from './schemas';
import { revokeSessions } from './sessions';

export interface CreateAdminInput {
  email: string;
  name?: string;
  /** Absent: a strong one is generated and returned, to be shown once. */
  password?: string;
  /** Allowed to replace the password (and make the account an admin) of an existing account with this email. */
  reset?: boolean;
}

export type CreateAdminError =
  | { code: 'invalid_email'; message: string }
  | { code: 'weak_password'; messages: string[] }
  /** The email has an account and `reset` was not asked for: nothing was changed. */
  | { code: 'email_taken' };

export interface CreatedAdmin {
  id: string;
  email: string;
  /** The password now set; `generated` says whether the caller must show it (it is stored only as a bcrypt hash). */
  password: string;
  generated: boolean;
  action: 'created' | 'reset';
}

/** 18 random bytes → 24 base64url characters (144 bits), re-drawn until it passes the shop's own password rules. */
export function generatePassword(email = ''): string {
  for (;;) {
    const candidate = randomBytes(18).toString('base64url');
    if (checkPassword(candidate, { email }).length === 0) return candidate;
  }
}

export async function createAdmin(deps: { db: DbOrTx }, input: CreateAdminInput): Promise<Result<CreatedAdmin, CreateAdminError>> {
  const email = emailSchema.safeParse(input.email);
  if (!email.success) return err({ code: 'invalid_email', message: email.error.issues[0]?.message ?? 'Enter a valid email address.' });
  const generated = input.password === undefined;
  const password = input.password ?? generatePassword(email.data);
  const issues = checkPassword(password, { email: email.data });
  if (issues.length > 0) return err({ code: 'weak_password', messages: issues.map((issue) => passwordIssueMessages[issue]) });

  const passwordHash = await hashPassword(password);
  const name = input.name?.trim() || 'Administrator';
  const [existing] = await deps.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email.data}`);
  if (existing) {
    if (!input.reset) return err({ code: 'email_taken' });
    // The operator vouches for the address; every session the account had ends with its old password.
    await deps.db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ passwordHash, role: 'admin', emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
        .where(eq(users.id, existing.id));
      await revokeSessions(tx, existing.id);
    });
    return ok({ id: existing.id, email: email.data, password, generated, action: 'reset' });
  }
  // The unique index on lower(email) decides a race with a registration of the same address: no row means taken.
  const [row] = await deps.db
    .insert(users)
    .values({ email: email.data, name, passwordHash, role: 'admin', emailVerifiedAt: new Date() })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (!row) return err({ code: 'email_taken' });
  return ok({ id: row.id, email: email.data, password, generated, action: 'created' });
}
