// Signed guest order links: a guest has no account, so the proof that they may see an order is an HMAC of the order
// id under the app's secret. Framework-free: the secret is a parameter (the Next glue passes NEXTAUTH_SECRET).
import { createHmac, timingSafeEqual } from 'node:crypto';

// Versioned and namespaced, so the same secret signing something else (sessions) can never yield a valid token.
const PURPOSE = 'order-access:v1:';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function mac(secret: string, orderId: string): Buffer {
  if (secret.length < 32) throw new Error('order access secret must be at least 32 characters');
  return createHmac('sha256', secret).update(`${PURPOSE}${orderId}`).digest();
}

/** The token that opens `orderId` for whoever holds it (43 base64url characters). */
export function signOrderAccess(secret: string, orderId: string): string {
  return mac(secret, orderId).toString('base64url');
}

/** Constant-time check; a missing, malformed or wrong-length token is simply false, never an exception. */
export function verifyOrderAccess(secret: string, orderId: string, token: string | null | undefined): boolean {
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) return false;
  const given = Buffer.from(token, 'base64url');
  const expected = mac(secret, orderId);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Who may see an order: its signed-in owner, or — for a guest order only — the holder of a valid token. */
export function mayViewOrder(order: { id: string; userId: string | null }, viewer: { userId: string | null; token?: string | null; secret: string }): boolean {
  if (order.userId !== null) return viewer.userId === order.userId;
  return verifyOrderAccess(viewer.secret, order.id, viewer.token);
}
