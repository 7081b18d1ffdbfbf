// The cookie of the address-confirmation flow (lib/auth/verify-email.ts): httpOnly (no script reads it), SameSite=Lax
// (sent when the emailed link is opened: a top-level navigation) and short-lived.
import { SAME_BROWSER_WINDOW_MS } from './auth-tokens';

/** The registering browser's random value; only its hash is on the verify link. Scoped to the verify page. */
export const VERIFY_BROWSER_COOKIE = 'verify_browser';
export const VERIFY_BROWSER_COOKIE_PATH = '/verify-email';
export const VERIFY_BROWSER_MAX_AGE_SECONDS = SAME_BROWSER_WINDOW_MS / 1000;
