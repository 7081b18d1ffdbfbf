// Every page carries the Content-Security-Policy with a fresh nonce on each response, the framing and form rules,
// and the static security headers; Next's own scripts carry that nonce (the fixtures fail any test whose pages
// trigger a violation, so the whole e2e suite runs with the policy on).
import { expect, test } from './fixtures';

test('pages carry a per-request nonce CSP and the static security headers; Next’s scripts use the nonce', async ({ page, request }) => {
  const first = await request.get('/');
  const second = await request.get('/');
  const policy = first.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toMatch(/form-action 'self' http:\/\/127\.0\.0\.1:\d+/); // the simulator's hosted checkout
  const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonceOf(policy)).toMatch(/^[A-Za-z0-9+/]{16,}={0,2}$/); // base64, fresh per response
  expect(nonceOf(second.headers()['content-security-policy'] ?? '')).not.toBe(nonceOf(policy));
  expect(first.headers()).toMatchObject({
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
  });
  expect(first.headers()['permissions-policy']).toContain('camera=()');

  const response = await page.goto('/');
  const nonce = nonceOf(response?.headers()['content-security-policy'] ?? '');
  const scriptNonces = await page.locator('script[src]').evaluateAll((scripts) => scripts.map((script) => (script as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
  // And the page works under it: the client code ran (the cart badge is hydrated and interactive).
  await expect(page.getByRole('link', { name: /cart/i }).first()).toBeVisible();
});

test('every kind of page carries the policy: catalogue, category, product, search, cart, checkout, sign-in, order lookup', async ({ request }) => {
  const product = await request.get('/products');
  const slug = /href="\/products\/([a-z0-9-]+)"/.exec(await product.text())?.[1];
  expect(slug).toMatch(/^[a-z0-9-]+$/);
  for (const path of ['/products', '/category/clothing', `/products/${slug}`, '/search?q=shirt', '/cart', '/checkout', '/sign-in', '/register']) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBeLessThan(400);
    expect(response.headers()['content-security-policy'], path).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  }
  // The seed's product images are files: no policy needed there, and none given.
  const image = await request.get('/products/adire-indigo-shirt.svg');
  expect(image.ok()).toBe(true);
  expect(image.headers()['content-security-policy']).toBeUndefined();
});

test('API responses carry the static headers too (no nonce needed there)', async ({ request }) => {
  const health = await request.get('/api/health');
  expect(health.headers()['x-content-type-options']).toBe('nosniff');
  expect(health.headers()['content-security-policy']).toBeUndefined();
});
