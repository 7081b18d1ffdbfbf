// Use case: sign in with a one-time ticket instead of a password — the ticket a browser got for confirming its address
// (lib/auth/verify-email.ts). Spent on first use (of two racing sign-ins with one ticket, one wins), 2 minutes old at
// most, only for a verified account; then the guest cart is merged exactly as a password sign-in does.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { users } from '@/db/schema';
import { claimAuthToken } from './auth-tokens';
import type { SignedInUser } from './sign-in';

export interface TicketSignInDeps {
  db: Database;
  /** Folds the request's guest cart into the account's cart. Must not throw. */
  mergeGuestCart: (userId: string) => Promise<void>;
  now?: () => number;
}

export async function signInWithTicket(deps: TicketSignInDeps, ticket: unknown): Promise<SignedInUser | null> {
  const now = (deps.now ?? Date.now)();
  const account = await deps.db.transaction(async (tx) => {
    const claimed = await claimAuthToken(tx, 'sign_in', ticket, new Date(now));
    if (!claimed) return null;
    const [user] = await tx
      .select({ id: users.id, email: users.email, name: users.name, role: users.role, sessionVersion: users.sessionVersion, verifiedAt: users.emailVerifiedAt })
      .from(users)
      .where(eq(users.id, claimed.userId));
    // Admins sign in with their password only (their accounts never come from registration).
    return user && user.verifiedAt !== null && user.role === 'customer' ? user : null;
  });
  if (!account) return null;
  await deps.mergeGuestCart(account.id);
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    role: account.role,
    sessionVersion: account.sessionVersion,
    sessionId: randomUUID(),
    signedInAt: now,
  };
}
