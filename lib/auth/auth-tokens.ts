// The tokens behind emailed account links (verify an address, reset a password): single-use, expiring, and stored only
// as a SHA-256. The raw token never touches the database: it is an HMAC of the row's random id under the site's secret,
// so the job that emails the link recomputes it from the id in its payload, and the link's token is looked up by its
// hash. Someone who reads the database (rows, outbox payloads, email records) still cannot build a working link.
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { type AuthTokenPurpose, authTokens, users } from '../../db/schema';
import type { JobEvent } from '../jobs/events';
import { enqueue } from '../outbox/enqueue';

export const AUTH_TOKEN_TTL_MS: Record<AuthTokenPurpose, number> = {
  verify_email: 24 * 60 * 60_000,
  // Short: a reset link in an inbox is a key to the account.
  reset_password: 60 * 60_000,
  // Never emailed: handed to the browser that just confirmed its address, spent by its sign-in a moment later.
  sign_in: 2 * 60_000,
};

/**
 * How long after registering a verify link opened in the registering browser confirms without the password (that
 * browser holds the registration's cookie; lib/auth/verify-email.ts). After it, or in another browser, the link still
 * confirms for its 24 hours — with the password.
 */
export const SAME_BROWSER_WINDOW_MS = 60 * 60_000;

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
  /** For a verify link: the SHA-256 of the registering browser's cookie value (see SAME_BROWSER_WINDOW_MS). */
  browserHash?: string;
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
    browserHash: input.browserHash ?? null,
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + AUTH_TOKEN_TTL_MS[input.purpose]),
  });
  return tokenId;
}

/**
 * A one-time sign-in ticket for an account (purpose `sign_in`, 2 minutes), written in the caller's transaction and
 * returned raw to hand to that browser alone: it is never emailed, stored only as its hash, and spent by the sign-in.
 */
export async function issueSignInTicket(tx: DbOrTx, input: { secret: string; userId: string; now: Date }): Promise<string> {
  const tokenId = randomUUID();
  const ticket = authTokenFor(input.secret, tokenId);
  await tx.insert(authTokens).values({
    id: tokenId,
    userId: input.userId,
    purpose: 'sign_in',
    tokenHash: hashAuthToken(ticket),
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + AUTH_TOKEN_TTL_MS.sign_in),
  });
  return ticket;
}

/** A fresh random value for the registering browser's cookie, and the hash the verify link keeps of it. */
export function newBrowserSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashAuthToken(secret) };
}

const live = (purpose: AuthTokenPurpose, token: string, now: Date) =>
  and(eq(authTokens.tokenHash, hashAuthToken(token)), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now));

/** The account a still-usable link belongs to (not spent, not expired), without spending it; null otherwise. */
export async function findUsableAuthToken(db: DbOrTx, purpose: AuthTokenPurpose, token: unknown, now: Date) {
  if (!looksLikeAuthToken(token)) return null;
  const [row] = await db
    .select({ tokenId: authTokens.id, userId: authTokens.userId, email: users.email, browserHash: authTokens.browserHash, createdAt: authTokens.createdAt })
    .from(authTokens)
    .innerJoin(users, eq(users.id, authTokens.userId))
    .where(live(purpose, token, now));
  return row ?? null;
}

/**
 * Whether this browser is the one that registered: it sends the cookie whose hash the link keeps, within
 * SAME_BROWSER_WINDOW_MS of the link's issue. Constant-time compare of the two hashes.
 */
export function isSameBrowser(link: { browserHash: string | null; createdAt: Date }, browserSecret: unknown, now: Date): boolean {
  if (!link.browserHash || typeof browserSecret !== 'string' || browserSecret.length === 0 || browserSecret.length > 200) return false;
  if (now.getTime() - link.createdAt.getTime() > SAME_BROWSER_WINDOW_MS) return false;
  const given = Buffer.from(hashAuthToken(browserSecret));
  const kept = Buffer.from(link.browserHash);
  return given.length === kept.length && timingSafeEqual(given, kept);
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
