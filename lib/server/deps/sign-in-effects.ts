// After a successful password check: fold the shopper's guest cart into their account cart.
import 'server-only';
import { db } from '@/db';
import { mergeGuestCartIntoUserCart } from '@/lib/cart/merge-carts';
import { keepMergeNotices } from '@/lib/cart/merge-notices';
import { redis } from '@/lib/redis';
import { CART_SESSION_COOKIE } from '@/lib/cart/cart-keys';
import { readCookie } from '../doors/request-meta';

/**
 * Folds the guest cart into the user's cart. Never blocks sign-in: on failure the guest cart is left alone, so the
 * next sign-in merges it. The merge itself is idempotent (it deletes the guest cart it consumed), so a retried or
 * concurrent sign-in cannot add the same lines twice; the route handler then rotates the cart cookie.
 */
export async function mergeCartAfterSignIn(cookieHeader: string | undefined, userId: string): Promise<void> {
  const sessionId = readCookie(cookieHeader, CART_SESSION_COOKIE);
  if (!sessionId) return;
  try {
    // The merge writes its own `cart.merged` audit row in the transaction that applies it. What it changed is kept
    // for the shopper to read once, right after signing in (lib/cart/merge-notices.ts).
    const { notices } = await mergeGuestCartIntoUserCart({ db, redis: redis() }, { sessionId, userId });
    await keepMergeNotices(redis(), userId, notices);
  } catch (error) {
    console.error('[auth] guest cart merge threw; the guest cart stays for the next sign-in', error);
  }
}
