// The browser-side defences every page carries. The Content-Security-Policy is per request (a fresh nonce that Next
// puts on its own scripts), so it is set by proxy.ts; the rest are static and set for every response in next.config.ts.
import type { Env } from '@/lib/core/env';

/**
 * The nonce pages carry when the front stamps the real one (CSP_NONCE_FROM_FRONT=1). Fixed, so a page rendered once can
 * be cached and served to everyone; the front replaces it in the body and in the CSP header with a fresh random value on
 * every response, cached or not. Base64-alphabet only (a valid nonce on its own), and long and odd enough never to occur
 * in page text by chance. Never sent to a browser: the front refuses to answer a page with it left in.
 */
export const CSP_NONCE_PLACEHOLDER = 'cspNoncePlaceholder0000000000000000';

/** This request's nonce: the placeholder behind the front, else 128 random bits of our own. */
export function requestNonce(config: Pick<Env, 'CSP_NONCE_FROM_FRONT'>): string {
  if (config.CSP_NONCE_FROM_FRONT) return CSP_NONCE_PLACEHOLDER;
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/**
 * The pages the front may cache and share between shoppers: the same HTML for everyone, because nothing on them is read
 * from the session, the cart or any cookie (the header's menu and cart badge, and live stock, are fetched by the client).
 * `/search` is left out on purpose: its key is whatever a visitor types, so caching it would let anyone fill the cache.
 */
export function isCacheableCataloguePage(method: string, pathname: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  return pathname === '/' || pathname === '/products' || /^\/(products|category)\/[a-z0-9][a-z0-9-]{0,119}$/.test(pathname);
}

/** The response header that marks a page as cacheable for the front (which strips it before the browser). */
export const CATALOGUE_CACHE_HEADER = 'x-shop-cache';

export interface CspOptions {
  nonce: string;
  /** `next dev` evaluates code for fast refresh and talks to its server over a WebSocket. */
  development: boolean;
  /** Where the payment form may send the shopper (Paystack's hosted checkout). */
  checkoutOrigins: readonly string[];
  /** Served over https: ask the browser to upgrade any http sub-resource. */
  https: boolean;
}

export function contentSecurityPolicy(options: CspOptions): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // strict-dynamic: scripts Next's nonced scripts load are trusted; nothing else runs (no inline handlers, no eval).
    'script-src': ["'self'", `'nonce-${options.nonce}'`, "'strict-dynamic'", ...(options.development ? ["'unsafe-eval'"] : [])],
    // React and Recharts set style attributes; styles cannot run code, so inline styles are allowed.
    'style-src': ["'self'", "'unsafe-inline'"],
    // Product images may come from an admin's https URL; data:/blob: for previews of uploads.
    'img-src': ["'self'", 'data:', 'blob:', 'https:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...(options.development ? ['ws:', 'wss:'] : [])],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    // The checkout form's action answers with a redirect to Paystack: form-action covers that redirect too.
    'form-action': ["'self'", ...options.checkoutOrigins],
    'frame-ancestors': ["'none'"],
  };
  const policy = Object.entries(directives).map(([name, values]) => `${name} ${values.join(' ')}`);
  if (options.https) policy.push('upgrade-insecure-requests');
  return policy.join('; ');
}

export function cspOptionsFromEnv(config: Pick<Env, 'NODE_ENV' | 'NEXTAUTH_URL' | 'PAYSTACK_CHECKOUT_ORIGINS'>, nonce: string): CspOptions {
  return {
    nonce,
    development: config.NODE_ENV === 'development',
    checkoutOrigins: config.PAYSTACK_CHECKOUT_ORIGINS,
    https: new URL(config.NEXTAUTH_URL).protocol === 'https:',
  };
}

/** Headers for every response (pages, API, assets). HSTS only where the site is served over https. */
export function staticSecurityHeaders(config: Pick<Env, 'NODE_ENV' | 'NEXTAUTH_URL'>): Array<{ key: string; value: string }> {
  const headers = [
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
    { key: 'X-Frame-Options', value: 'DENY' },
  ];
  if (config.NODE_ENV === 'production' && new URL(config.NEXTAUTH_URL).protocol === 'https:') {
    headers.push({ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' });
  }
  return headers;
}
