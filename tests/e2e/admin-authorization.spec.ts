// The authorization matrix of the admin console, over HTTP against the production build: every admin page and every
// /api/admin route, found on the file system (tests/support/admin-surface.ts), answers an anonymous visitor with a
// sign-in redirect (pages) or 401 (routes), and a signed-in customer with a real 403 — never a 200 "forbidden" page.
import { expect, test } from './fixtures';
import { adminPages, adminRoutes } from '../support/admin-surface';
import { storageStateOf } from './auth-helpers';

const pages = adminPages();
const routes = adminRoutes();

test('finds the admin surface on disk', () => {
  expect(pages.map((page) => page.url)).toContain('/admin');
  expect(pages.length).toBeGreaterThan(2);
  expect(routes.length).toBeGreaterThan(0);
});

test('anonymous: every admin page redirects to sign-in, every admin route answers 401', async ({ request }) => {
  for (const { url } of pages) {
    const response = await request.get(url, { maxRedirects: 0 });
    expect([302, 303, 307], url).toContain(response.status());
    expect(response.headers().location, url).toContain('/sign-in?callbackUrl=');
  }
  for (const { url, method } of routes) {
    const response = await request.fetch(url, { method, maxRedirects: 0, data: method === 'GET' ? undefined : {} });
    expect(response.status(), `${method} ${url}`).toBe(401);
  }
});

test('customer: every admin page and every admin route answers 403', async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: storageStateOf('customer') })).newPage();
  for (const { url } of pages) {
    const response = await page.request.get(url, { maxRedirects: 0 });
    expect(response.status(), url).toBe(403);
    expect(await response.text(), url).toContain('You don’t have access to that page');
  }
  for (const { url, method } of routes) {
    const response = await page.request.fetch(url, { method, maxRedirects: 0, data: method === 'GET' ? undefined : {} });
    expect(response.status(), `${method} ${url}`).toBe(403);
  }
});
