// Cookies of the address-confirmation flow (lib/auth/verify-email.ts), both httpOnly (no script reads them), SameSite=Lax
// (sent when the emailed link is opened: a top-level navigation) and short-lived.
import { SAME_BROWSER_WINDOW_MS } from './auth-tokens';

/** The registering browser's random value; only its hash is on the verify link. Scoped to the verify page. */
export const VERIFY_BROWSER_COOKIE = 'verify_browser';
export const VERIFY_BROWSER_COOKIE_PATH = '/verify-email';
export const VERIFY_BROWSER_MAX_AGE_SECONDS = SAME_BROWSER_WINDOW_MS / 1000;

/** The one-time sign-in ticket handed to the browser that confirmed; read by next-auth's credentials callback. */
export const SIGN_IN_TICKET_COOKIE = 'sign_in_ticket';
export const SIGN_IN_TICKET_COOKIE_PATH = '/api/auth';
export const SIGN_IN_TICKET_MAX_AGE_SECONDS = 120;
