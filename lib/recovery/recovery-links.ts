// The two links a recovery email carries, signed so nobody can forge them: "restore my cart" (one order, expires after
// seven days, single use is enforced by the database) and "unsubscribe" (one address, never expires). HMAC-SHA256
// under the app's secret, each with its own versioned purpose, so a token of one kind (or a guest order token, or a
// session) never passes for another. Framework-free: the secret is a parameter (the Next glue passes NEXTAUTH_SECRET).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { absoluteUrl } from '../email/links';

const RESTORE_PURPOSE = 'checkout-restore:v1:';
const OPT_OUT_PURPOSE = 'email-opt-out:v1:';
export const RESTORE_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const MAC = /^[A-Za-z0-9_-]{43}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function mac(secret: string, message: string): Buffer {
  if (secret.length < 32) throw new Error('recovery link secret must be at least 32 characters');
  return createHmac('sha256', secret).update(message).digest();
}

function macMatches(secret: string, message: string, given: string): boolean {
  if (!MAC.test(given)) return false;
  const expected = mac(secret, message);
  const actual = Buffer.from(given, 'base64url');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export type RestoreTokenCheck = { ok: true; orderId: string; expiresAt: Date } | { ok: false; reason: 'invalid' | 'expired' };

/** `<orderId>.<expiry in unix seconds>.<mac>`: the expiry is inside the signature, so it cannot be stretched. */
export function signRestoreToken(secret: string, orderId: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `${orderId}.${expires}.${mac(secret, `${RESTORE_PURPOSE}${orderId}.${expires}`).toString('base64url')}`;
}

/** The signature is checked before the expiry: a tampered token is "invalid", never merely "expired". */
export function verifyRestoreToken(secret: string, token: unknown, now: Date = new Date()): RestoreTokenCheck {
  if (typeof token !== 'string') return { ok: false, reason: 'invalid' };
  const [orderId, expires, signature, ...rest] = token.split('.');
  if (rest.length > 0 || !orderId || !UUID.test(orderId) || !expires || !/^\d{1,12}$/.test(expires) || !signature) return { ok: false, reason: 'invalid' };
  if (!macMatches(secret, `${RESTORE_PURPOSE}${orderId}.${expires}`, signature)) return { ok: false, reason: 'invalid' };
  const expiresAt = new Date(Number(expires) * 1000);
  return expiresAt.getTime() <= now.getTime() ? { ok: false, reason: 'expired' } : { ok: true, orderId, expiresAt };
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** `<base64url(lower-cased email)>.<mac>`: the address travels in the link so the page can say which one it stops. */
export function signOptOutToken(secret: string, email: string): string {
  const address = normaliseEmail(email);
  return `${Buffer.from(address).toString('base64url')}.${mac(secret, `${OPT_OUT_PURPOSE}${address}`).toString('base64url')}`;
}

export function verifyOptOutToken(secret: string, token: unknown): { ok: true; email: string } | { ok: false } {
  if (typeof token !== 'string') return { ok: false };
  const [encoded, signature, ...rest] = token.split('.');
  if (rest.length > 0 || !encoded || !signature || !/^[A-Za-z0-9_-]{1,400}$/.test(encoded)) return { ok: false };
  const email = Buffer.from(encoded, 'base64url').toString('utf8');
  // Only the canonical form was ever signed; anything else (upper case, padding tricks) is not ours.
  if (email !== normaliseEmail(email) || Buffer.from(email).toString('base64url') !== encoded) return { ok: false };
  return macMatches(secret, `${OPT_OUT_PURPOSE}${email}`, signature) ? { ok: true, email } : { ok: false };
}

export function restoreCartUrl(siteUrl: string, secret: string, orderId: string, expiresAt: Date): string {
  return absoluteUrl(siteUrl, `/cart/restore?${new URLSearchParams({ token: signRestoreToken(secret, orderId, expiresAt) })}`);
}

export function unsubscribeUrl(siteUrl: string, secret: string, email: string): string {
  return absoluteUrl(siteUrl, `/unsubscribe?${new URLSearchParams({ token: signOptOutToken(secret, email) })}`);
}
