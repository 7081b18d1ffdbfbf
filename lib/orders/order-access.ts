// Signed guest order links: a guest has no account, so the proof that they may see an order is an HMAC of the order
// id and an expiry under the app's secret. Links expire (30 days) because they travel in emails and query strings; an
// expired link still proves which order it was for, so the order page can offer to email a fresh one to the order's
// own address. Framework-free: the secret and the clock are parameters.
import { createHmac, timingSafeEqual } from 'node:crypto';

// Versioned and namespaced, so the same secret signing something else (sessions, restore links) never yields a token.
const PURPOSE = 'order-access:v2:';
const TOKEN_PATTERN = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

export const ORDER_LINK_TTL_MS = 30 * 24 * 60 * 60 * 1000;

function mac(secret: string, orderId: string, expiresAtSeconds: number): Buffer {
  if (secret.length < 32) throw new Error('order access secret must be at least 32 characters');
  return createHmac('sha256', secret).update(`${PURPOSE}${orderId}.${expiresAtSeconds}`).digest();
}

/** The token that opens `orderId` until 30 days from `now`: `<expiry in unix seconds>.<43 base64url characters>`. */
export function signOrderAccess(secret: string, orderId: string, now: Date = new Date()): string {
  const expiresAtSeconds = Math.floor((now.getTime() + ORDER_LINK_TTL_MS) / 1000);
  return `${expiresAtSeconds}.${mac(secret, orderId, expiresAtSeconds).toString('base64url')}`;
}

export type OrderTokenCheck = 'valid' | 'expired' | 'invalid';

/** Constant-time check of the signature first; only a genuine token can be reported `expired`. */
export function checkOrderAccess(secret: string, orderId: string, token: string | null | undefined, now: Date = new Date()): OrderTokenCheck {
  const match = typeof token === 'string' ? TOKEN_PATTERN.exec(token) : null;
  if (!match) return 'invalid';
  const expiresAtSeconds = Number(match[1]);
  // Compared as text, so a non-canonical spelling of the right bytes (the last character's spare bits) is refused too.
  const given = Buffer.from(match[2] ?? '');
  const expected = Buffer.from(mac(secret, orderId, expiresAtSeconds).toString('base64url'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  return expiresAtSeconds * 1000 > now.getTime() ? 'valid' : 'expired';
}

/** A missing, malformed, forged or expired token is simply false, never an exception. */
export function verifyOrderAccess(secret: string, orderId: string, token: string | null | undefined, now: Date = new Date()): boolean {
  return checkOrderAccess(secret, orderId, token, now) === 'valid';
}

/**
 * Who may see an order: its signed-in owner, or — for a guest order only — the holder of a valid token, and the
 * verified account the guest order joined (its address is that account's, proven by a link).
 */
export function mayViewOrder(
  order: { id: string; userId: string | null; joinedUserId?: string | null },
  viewer: { userId: string | null; token?: string | null; secret: string },
): boolean {
  if (order.userId !== null) return viewer.userId === order.userId;
  if (order.joinedUserId && viewer.userId === order.joinedUserId) return true;
  return verifyOrderAccess(viewer.secret, order.id, viewer.token);
}
