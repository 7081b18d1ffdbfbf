// The Content-Security-Policy and the static security headers as the browser receives them.
import { describe, expect, it } from 'vitest';
import {
  CSP_NONCE_PLACEHOLDER,
  contentSecurityPolicy,
  isCacheableCataloguePage,
  requestNonce,
  staticSecurityHeaders,
} from '@/lib/server/doors/security-headers';
import { productSorts } from '@/components/catalog/listing-params';

const base = { nonce: 'bm9uY2U=', development: false, checkoutOrigins: ['https://checkout.paystack.com'], https: true };
const directive = (policy: string, name: string) => policy.split('; ').find((part) => part.startsWith(`${name} `));

describe('contentSecurityPolicy', () => {
  it('lets only nonced scripts (and what they load) run, never inline handlers or eval in production', () => {
    const policy = contentSecurityPolicy(base);
    expect(directive(policy, 'script-src')).toBe("script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic'");
    expect(directive(policy, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive(policy, 'form-action')).toBe("form-action 'self' https://checkout.paystack.com");
    expect(directive(policy, 'object-src')).toBe("object-src 'none'");
    expect(policy).toContain('upgrade-insecure-requests');
  });

  it('allows eval and the dev server socket only in development, and no upgrade over plain http', () => {
    const policy = contentSecurityPolicy({ ...base, development: true, https: false });
    expect(directive(policy, 'script-src')).toContain("'unsafe-eval'");
    expect(directive(policy, 'connect-src')).toBe("connect-src 'self' ws: wss:");
    expect(policy).not.toContain('upgrade-insecure-requests');
  });
});

describe('staticSecurityHeaders', () => {
  const names = (headers: Array<{ key: string }>) => headers.map((header) => header.key);
  it('sends HSTS only from a production site on https', () => {
    expect(names(staticSecurityHeaders({ NODE_ENV: 'production', NEXTAUTH_URL: 'https://shop.example.com' }))).toContain('Strict-Transport-Security');
    expect(names(staticSecurityHeaders({ NODE_ENV: 'production', NEXTAUTH_URL: 'http://127.0.0.1:3000' }))).not.toContain('Strict-Transport-Security');
    expect(names(staticSecurityHeaders({ NODE_ENV: 'development', NEXTAUTH_URL: 'https://shop.example.com' }))).not.toContain('Strict-Transport-Security');
  });

  it('always sends nosniff, the referrer and permissions policies and refuses framing', () => {
    expect(names(staticSecurityHeaders({ NODE_ENV: 'production', NEXTAUTH_URL: 'https://shop.example.com' }))).toEqual(
      expect.arrayContaining(['X-Content-Type-Options', 'Referrer-Policy', 'Permissions-Policy', 'X-Frame-Options']),
    );
  });
});

describe('requestNonce', () => {
  it('is a fresh 128-bit base64 value per request for a bare next start', () => {
    const first = requestNonce({ CSP_NONCE_FROM_FRONT: false });
    const second = requestNonce({ CSP_NONCE_FROM_FRONT: false });
    expect(first).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(second).not.toBe(first);
    expect(first).not.toBe(CSP_NONCE_PLACEHOLDER);
  });

  it('is the fixed placeholder behind the front, which stamps the real nonce per response', () => {
    expect(requestNonce({ CSP_NONCE_FROM_FRONT: true })).toBe(CSP_NONCE_PLACEHOLDER);
    // The front swaps it with a regex over the header and sub_filter over the body: base64 letters only, nothing to escape.
    expect(CSP_NONCE_PLACEHOLDER).toMatch(/^[A-Za-z0-9]{32,}$/);
    expect(directive(contentSecurityPolicy({ ...base, nonce: CSP_NONCE_PLACEHOLDER }), 'script-src')).toBe(
      `script-src 'self' 'nonce-${CSP_NONCE_PLACEHOLDER}' 'strict-dynamic'`,
    );
  });
});

describe('isCacheableCataloguePage', () => {
  const cacheable = (method: string, path: string) => isCacheableCataloguePage(method, new URL(path, 'http://shop.test'));
  const variant = '0b5c4c1e-3a9f-4d2e-9b1a-6f0e2d7c8a91';

  it.each([
    ['GET', '/'],
    ['GET', '/products'],
    ['GET', '/products?sort=price-asc&page=2'],
    ['GET', '/products/adire-indigo-shirt'],
    ['GET', `/products/adire-indigo-shirt?variant=${variant}`],
    ['GET', '/category/clothing'],
    ['GET', '/category/clothing?page=3'],
    ['HEAD', '/products/adire-indigo-shirt'],
  ])('lets the front cache %s %s', (method, path) => {
    expect(cacheable(method, path)).toBe(true);
  });

  it.each([
    ['POST', '/products/adire-indigo-shirt'],
    ['GET', '/search?q=indigo'],
    ['GET', '/cart'],
    ['GET', '/checkout'],
    ['GET', '/account'],
    ['GET', '/admin/products'],
    ['GET', '/products/adire-indigo-shirt/reviews'],
    ['GET', '/category/'],
    ['GET', '/products/Adire'],
    ['GET', '/orders/123'],
  ])('never %s %s (personal, typed by the visitor, or not a catalogue page)', (method, path) => {
    expect(cacheable(method, path)).toBe(false);
  });

  it.each([
    '/?utm_source=x',
    '/products?x=1',
    '/products?sort=cheapest',
    '/products?page=0',
    '/products?page=1&page=2',
    '/category/clothing?variant=1',
    '/products/adire-indigo-shirt?variant=not-a-uuid',
    `/products/adire-indigo-shirt?variant=${variant}&cache=bust`,
  ])('renders %s but keeps it out of the cache: junk queries must not fill it', (path) => {
    expect(cacheable('GET', path)).toBe(false);
  });

  it('accepts every sort the listing offers', () => {
    for (const sort of productSorts) expect(cacheable('GET', `/products?sort=${sort}`)).toBe(true);
  });
});
