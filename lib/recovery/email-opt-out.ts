// "Unsubscribe" from the recovery email: the signed link names one address; confirming records it (lower-cased) in
// email_opt_outs, which sendRecoveryEmail checks before every reminder. Order and payment emails are not affected:
// a shopper who pays must still get their confirmation and receipt.
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { emailOptOuts } from '../../db/schema';
import { err, ok, type Result } from '../core/result';
import { verifyOptOutToken } from './recovery-links';

export interface OptOutDeps {
  db: Database;
  /** NEXTAUTH_SECRET: the unsubscribe link was signed with it. */
  secret: string;
}

/** For the page: which address the link stops, and whether it already has. Read-only. */
export async function previewOptOut(deps: OptOutDeps, token: unknown): Promise<Result<{ email: string; optedOut: boolean }, 'invalid'>> {
  const checked = verifyOptOutToken(deps.secret, token);
  if (!checked.ok) return err('invalid');
  const optedOut = (await deps.db.$count(emailOptOuts, eq(emailOptOuts.email, checked.email))) > 0;
  return ok({ email: checked.email, optedOut });
}

/** Idempotent: confirming twice (or from two tabs) leaves one row with the first time it was asked. */
export async function optOutOfEmails(deps: OptOutDeps, token: unknown): Promise<Result<{ email: string }, 'invalid'>> {
  const checked = verifyOptOutToken(deps.secret, token);
  if (!checked.ok) return err('invalid');
  await deps.db.insert(emailOptOuts).values({ email: checked.email }).onConflictDoNothing();
  return ok({ email: checked.email });
}
