// The Store API's CSRF check and input schemas: who may change a cart, and what a request may say.
import { describe, expect, it } from 'vitest';
import { addToCartSchema, updateCartLineSchema } from '@/lib/cart/cart-input';
import { checkSameOrigin } from '@/lib/server/doors/origin-check';

const site = 'https://shop.example.com';

function request(headers: Record<string, string>, url = `${site}/api/cart/items`) {
  return new Request(url, { method: 'POST', headers });
}

describe('checkSameOrigin', () => {
  it.each([
    ['same-origin fetch', { origin: site, 'sec-fetch-site': 'same-origin' }, true],
    ['the request host itself (behind a proxy that kept Host)', { origin: 'http://10.0.0.5:3000', host: '10.0.0.5:3000' }, true],
    ['the forwarded host', { origin: 'https://www.shop.example.com', 'x-forwarded-host': 'www.shop.example.com' }, true],
    ['no Origin and no fetch metadata (curl, load tools, headless clients)', {}, true],
    ['another site', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, false],
    ['another site without fetch metadata', { origin: 'https://evil.example' }, false],
    ['a browser saying cross-site even without Origin', { 'sec-fetch-site': 'cross-site' }, false],
    ['a sibling subdomain', { origin: 'https://evil.shop.example.com', 'sec-fetch-site': 'same-site' }, false],
    ['an opaque origin (sandboxed iframe, data: URL)', { origin: 'null' }, false],
    ['the right host on another port', { origin: 'https://shop.example.com:8443' }, false],
  ])('%s → allowed: %s', (_name, headers, allowed) => {
    expect(checkSameOrigin(request(headers), [site]).ok).toBe(allowed);
  });
});

describe('cart input schemas', () => {
  const variantId = '0b6f7c1e-3f0a-4c51-9a55-8d9b2f1f2a10';

  it('defaults the quantity to 1 and strips anything else, such as a price', () => {
    expect(addToCartSchema.parse({ variantId, price: 1 })).toEqual({ variantId, quantity: 1 });
  });

  it.each([
    [{ variantId: 'not-a-uuid', quantity: 1 }],
    [{ variantId, quantity: 0 }],
    [{ variantId, quantity: -2 }],
    [{ variantId, quantity: 1.5 }],
    [{ variantId, quantity: '2' }],
    [{ variantId, quantity: 1000 }],
    [{ quantity: 1 }],
  ])('refuses %j', (input) => {
    expect(updateCartLineSchema.safeParse(input).success).toBe(false);
  });
});
