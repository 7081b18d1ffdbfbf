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

const SLUG = '[a-z0-9][a-z0-9-]{0,119}';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The listing sorts (ProductSort in db/queries/catalog.ts; a unit test keeps the two lists equal). */
const LISTING_QUERY: Record<string, RegExp> = { sort: /^(featured|newest|price-asc|price-desc)$/, page: /^[1-9][0-9]{0,3}$/ };
const PRODUCT_QUERY: Record<string, RegExp> = { variant: UUID };

/** Every parameter is one the page reads, given once, with a value the app itself would link to. */
function onlyKnownQuery(searchParams: URLSearchParams, allowed: Record<string, RegExp>): boolean {
  const keys = [...searchParams.keys()];
  if (new Set(keys).size !== keys.length) return false;
  return keys.every((key) => allowed[key]?.test(searchParams.get(key) ?? '') ?? false);
}

/**
 * The pages the front may cache and share between shoppers: the same HTML for everyone, because nothing on them is read
 * from the session, the cart or any cookie (the header's menu and cart badge, and live stock, are fetched by the client).
 * `/search` is left out on purpose: its key is whatever a visitor types, so caching it would let anyone fill the cache.
 * For the same reason a catalogue URL with a query string the app never links to (`?x=<random>`) is rendered but not
 * marked: the front keys on the whole URI, and junk parameters must not be able to push real pages out of its cache.
 */
export function isCacheableCataloguePage(method: string, url: { pathname: string; searchParams: URLSearchParams }): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const { pathname, searchParams } = url;
  if (pathname === '/') return searchParams.size === 0;
  if (pathname === '/products' || new RegExp(`^/category/${SLUG}$`).test(pathname)) return onlyKnownQuery(searchParams, LISTING_QUERY);
  if (new RegExp(`^/products/${SLUG}$`).test(pathname)) return onlyKnownQuery(searchParams, PRODUCT_QUERY);
  return false;
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
