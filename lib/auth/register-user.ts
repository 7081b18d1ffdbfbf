// Use case: register an address. The answer is the same whether the address is new or already has an account — only
// the email that goes out differs: a new account gets a link to verify its address (it cannot sign in before that), an
// existing one's owner hears that someone tried to register with their address, with a sign-in and a reset link. So
// the form never tells a stranger which addresses have accounts. Registration can never create an admin: the role is
// not an input.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import { err, ok, type Result } from '@/lib/core/result';
import { issueAuthToken } from './auth-tokens';
import { hashPassword } from './passwords';
import { registerSchema } from './schemas';

export type RegisterField = 'email' | 'name' | 'password';
export type RegisterError = { code: 'invalid_input'; fieldErrors: Partial<Record<RegisterField, string[]>> };

export interface RegisterDeps {
  db: DbOrTx;
  /** Signs the emailed links (the Next glue passes NEXTAUTH_SECRET); see lib/auth/auth-tokens.ts. */
  secret: string;
  hash?: (password: string) => Promise<string>;
  now?: () => Date;
  /**
   * SHA-256 of the random value the registering browser keeps in a cookie: the verify link opened in that browser
   * confirms with one click (lib/auth/verify-email.ts). Absent: confirming takes the password.
   */
  browserHash?: string;
}

/** Only the normalised address comes back, whatever happened: the caller cannot leak what it was never told. */
export async function registerUser(deps: RegisterDeps, input: unknown): Promise<Result<{ email: string }, RegisterError>> {
  const parsed = registerSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<RegisterField, string[]>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === 'email' || field === 'name' || field === 'password') fieldErrors[field] = [...(fieldErrors[field] ?? []), issue.message];
    }
    return err({ code: 'invalid_input', fieldErrors });
  }
  const { email, name, password } = parsed.data;
  // Hashed either way, so a taken address costs the same time as a new one.
  const passwordHash = await (deps.hash ?? hashPassword)(password);
  const now = deps.now?.() ?? new Date();

  await deps.db.transaction(async (tx) => {
    // The unique index on lower(email) decides races between two registrations of the same address: the loser
    // inserts nothing (never a 500) and its owner gets the "already registered" email instead.
    const [created] = await tx.insert(users).values({ email, name, passwordHash, role: 'customer' }).onConflictDoNothing().returning({ id: users.id });
    if (created) {
      await issueAuthToken(tx, {
        secret: deps.secret,
        userId: created.id,
        purpose: 'verify_email',
        event: 'account/verify-email',
        now,
        browserHash: deps.browserHash,
      });
      return;
    }
    // The password typed here is dropped: an existing account's password only changes through its owner's inbox.
    const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
    if (existing) await issueAuthToken(tx, { secret: deps.secret, userId: existing.id, purpose: 'reset_password', event: 'account/already-registered', now });
  });
  return ok({ email });
}
