// The tokens behind emailed account links (verify an address, reset a password): single-use, expiring, and stored only
// as a SHA-256. The raw token never touches the database: it is an HMAC of the row's random id under the site's secret,
// so the job that emails the link recomputes it from the id in its payload, and the link's token is looked up by its
// hash. Someone who reads the database (rows, outbox payloads, email records) still cannot build a working link.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { type AuthTokenPurpose, authTokens, users } from '../../db/schema';
import type { JobEvent } from '../jobs/events';
import { enqueue } from '../outbox/enqueue';

export const AUTH_TOKEN_TTL_MS: Record<AuthTokenPurpose, number> = {
  verify_email: 24 * 60 * 60_000,
  // Short: a reset link in an inbox is a key to the account.
  reset_password: 60 * 60_000,
};

/**
 * At most one email of each kind per account in each such window: asking again sooner is answered the same and sends
 * nothing, so nobody can flood an inbox through the register or reset forms (the first link is still on its way).
 */
export const AUTH_EMAIL_WINDOW_MS = 5 * 60_000;

/** The jobs that email an account link; each payload is `{ tokenId }`. */
export type AuthEmailEvent = 'account/verify-email' | 'account/password-reset' | 'account/already-registered';

/** A link's token: 43 base64url characters (256 bits). */
export function authTokenFor(secret: string, tokenId: string): string {
  return createHmac('sha256', secret).update(`auth-token:v1:${tokenId}`).digest('base64url');
}

export function hashAuthToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Anything that is not shaped like a token is refused before it reaches a query. */
export const looksLikeAuthToken = (value: unknown): value is string => typeof value === 'string' && TOKEN_SHAPE.test(value);

export interface IssueAuthToken {
  secret: string;
  userId: string;
  purpose: AuthTokenPurpose;
  event: AuthEmailEvent;
  now: Date;
}

/**
 * Creates a token and the job that emails its link, in the caller's transaction (both or neither). Returns the token's
 * id, or null when this account already had this kind of email in the current window (nothing is written then).
 */
export async function issueAuthToken(tx: DbOrTx, input: IssueAuthToken): Promise<string | null> {
  const tokenId = randomUUID();
  const window = Math.floor(input.now.getTime() / AUTH_EMAIL_WINDOW_MS);
  const job: JobEvent = { event: input.event, payload: { tokenId } };
  const queued = await enqueue(tx, [{ ...job, dedupeKey: `${input.userId}:${window}` }]);
  if (queued === 0) return null;
  await tx.insert(authTokens).values({
    id: tokenId,
    userId: input.userId,
    purpose: input.purpose,
    tokenHash: hashAuthToken(authTokenFor(input.secret, tokenId)),
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + AUTH_TOKEN_TTL_MS[input.purpose]),
  });
  return tokenId;
}

const live = (purpose: AuthTokenPurpose, token: string, now: Date) =>
  and(eq(authTokens.tokenHash, hashAuthToken(token)), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now));

/** The account a still-usable link belongs to (not spent, not expired), without spending it; null otherwise. */
export async function findUsableAuthToken(db: DbOrTx, purpose: AuthTokenPurpose, token: unknown, now: Date) {
  if (!looksLikeAuthToken(token)) return null;
  const [row] = await db
    .select({ tokenId: authTokens.id, userId: authTokens.userId, email: users.email })
    .from(authTokens)
    .innerJoin(users, eq(users.id, authTokens.userId))
    .where(live(purpose, token, now));
  return row ?? null;
}

/** Spends a link: exactly one caller gets its account back, however many race; null for an unknown, used or expired one. */
export async function claimAuthToken(tx: DbOrTx, purpose: AuthTokenPurpose, token: unknown, now: Date): Promise<{ tokenId: string; userId: string } | null> {
  if (!looksLikeAuthToken(token)) return null;
  const [row] = await tx
    .update(authTokens)
    .set({ usedAt: now })
    .where(live(purpose, token, now))
    .returning({ tokenId: authTokens.id, userId: authTokens.userId });
  return row ?? null;
}

/** Every other open link of this purpose for the account dies with it (a reset makes older reset links useless). */
export async function spendOpenAuthTokens(tx: DbOrTx, userId: string, purpose: AuthTokenPurpose, now: Date): Promise<void> {
  await tx
    .update(authTokens)
    .set({ usedAt: now })
    .where(and(eq(authTokens.userId, userId), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt)));
}

/** What the email job needs: the account, and whether the link can still be used (a spent or expired one is not sent). */
export async function authTokenForEmail(db: DbOrTx, tokenId: string, now: Date) {
  const [row] = await db
    .select({
      purpose: authTokens.purpose,
      expiresAt: authTokens.expiresAt,
      usedAt: authTokens.usedAt,
      email: users.email,
      name: users.name,
    })
    .from(authTokens)
    .innerJoin(users, eq(users.id, authTokens.userId))
    .where(eq(authTokens.id, tokenId));
  if (!row) return null;
  const { usedAt, ...rest } = row;
  return { ...rest, usable: usedAt === null && row.expiresAt.getTime() > now.getTime() };
}
