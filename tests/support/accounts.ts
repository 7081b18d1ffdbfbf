// Accounts for tests that need one ready to sign in, and the emailed account links read back from the mail catcher.
// Registration answers "check your email" and leaves the account unverified; `verifiedCustomer` then stands in for the
// owner opening the verify link (tests/e2e/account-recovery.spec.ts and the integration tests walk the real link).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { authTokens, outbox, users } from '../../db/schema';
import { registerUser } from '../../lib/auth/register-user';
import { stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';
import type { CaughtMail } from './inbox';

/** The test stack's NEXTAUTH_SECRET: what the app signs account links with. */
export const testSiteSecret = () => stackEnv(profiles.test).NEXTAUTH_SECRET!;

/** Registers through the real use case, then marks the address verified and spends its link, as opening the emailed link would. */
export async function verifiedCustomer(db: Database, input: { email: string; name: string; password: string }) {
  const registered = await registerUser({ db, secret: testSiteSecret() }, input);
  if (!registered.ok) throw new Error(`could not register ${input.email}: ${JSON.stringify(registered.error)}`);
  const [user] = await db
    .update(users)
    .set({ emailVerifiedAt: new Date() })
    .where(eq(users.email, registered.value.email))
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
  if (!user) throw new Error(`no account for ${input.email}`);
  // The link is spent, as opening it would: its email job, if ever relayed, finds nothing to send.
  await db
    .update(authTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(authTokens.userId, user.id), eq(authTokens.purpose, 'verify_email')));
  return user;
}

/** The outbox rows of account-link jobs for this address (verify, reset, already registered), oldest first. */
export async function accountLinkJobs(db: Database, email: string) {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) return [];
  const tokens = await db.select({ id: authTokens.id }).from(authTokens).where(eq(authTokens.userId, user.id));
  if (tokens.length === 0) return [];
  return db
    .select()
    .from(outbox)
    .where(
      and(
        inArray(outbox.event, ['account/verify-email', 'account/password-reset', 'account/already-registered']),
        inArray(
          sql<string>`${outbox.payload}->>'tokenId'`,
          tokens.map((token) => token.id),
        ),
      ),
    )
    .orderBy(outbox.createdAt);
}

/** The `?token=` of the first link to `path` in an email's plain text. */
export function linkToken(mail: CaughtMail, path: '/verify-email' | '/reset-password'): string {
  const match = new RegExp(`${path.replace('/', '\\/')}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match?.[1]) throw new Error(`no ${path} link in "${mail.subject}"`);
  return match[1];
}
