// Fault: Redis unreachable. A second `next start` of the same production build runs with its Upstash URL pointing at
// a port nothing listens on (the rest of its environment is the test stack's): the catalogue still renders in a real
// browser, with live availability from PostgreSQL; the cart says it is unavailable instead of failing the page; the
// checkout API refuses with 503 and Retry-After. (tests/integration/redis-outage.test.ts stops and restarts a real
// redis-server under the use cases; this checks the pages a shopper sees.)
import { startApp } from '../../scripts/stack/app';
import { stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';
import { expect, test } from './fixtures';
import { closedPort } from '../support/closed-port';

let app: Awaited<ReturnType<typeof startApp>>;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const port = await closedPort();
  const env = {
    ...stackEnv(profiles.test),
    UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${await closedPort()}`,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    // Jobs run elsewhere (the main test app runs them): this process must not claim the outbox rows other tests wait on.
    // A production build accepts the Inngest driver only with its keys (never INNGEST_DEV); these reach no Inngest.
    JOBS_DRIVER: 'inngest',
    INNGEST_EVENT_KEY: 'e2e-unused-event-key',
    INNGEST_SIGNING_KEY: `signkey-test-${'0'.repeat(64)}`,
  };
  app = await startApp({ mode: 'production', port, env });
});

test.afterAll(async () => {
  await app?.stop();
});

test('with Redis unreachable the catalogue renders, the cart says so, and checkout answers 503 with Retry-After', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto(`${app.url}/`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto(`${app.url}/products`);
  await expect(page.getByRole('main')).toContainText(/Showing 1–\d+ of \d+ products/);
  const firstProduct = page.getByRole('main').getByRole('heading', { level: 2 }).first().getByRole('link');
  await expect(firstProduct).toBeVisible();
  await firstProduct.click();
  await expect(page).toHaveURL(/\/products\/[a-z0-9-]+$/);
  await expect(page.getByTestId('variant-availability')).toHaveText(/In stock|Only \d+ left|Sold out/);

  // A shopper who filled a cart before the outage (on the main test app, whose Redis is up; cookies do not care
  // about the port): their cart is not lost, and the page says it cannot be read right now rather than "empty".
  const slug = /\/products\/([a-z0-9-]+)$/.exec(page.url())?.[1];
  await page.goto(`/products/${slug}`);
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByRole('link', { name: /Cart, 1 item/ })).toBeVisible();
  // The badge updates optimistically; the cart exists once the server has issued its cookie.
  await expect.poll(async () => (await page.context().cookies()).some((cookie) => cookie.name === 'cart_session')).toBe(true);
  const cart = await page.goto(`${app.url}/cart`);
  expect(cart?.status()).toBeLessThan(500);
  await expect(page.getByRole('main')).toContainText(/unavailable/i);

  const checkout = await page.request.post(`${app.url}/api/checkout`, {
    headers: { origin: app.url, 'content-type': 'application/json' },
    data: {
      email: 'down@example.test',
      shippingAddress: { fullName: 'Ada Down', phone: '08031234567', line1: '1 Marina', city: 'Lagos Island', state: 'Lagos' },
      deliveryOption: 'pickup',
    },
  });
  expect(checkout.status()).toBe(503);
  expect(Number(checkout.headers()['retry-after'])).toBeGreaterThan(0);
});
