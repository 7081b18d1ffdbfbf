// Sign-in, sign-out, registration and the gates on /account and /admin, in a real browser against `next start`.
import { randomUUID } from 'node:crypto';
import { Ratelimit } from '@upstash/ratelimit';
import { expect, test } from './fixtures';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { mailboxKey } from '../../lib/auth/mailbox';
import { signInDelayFields, signInDelayKey } from '../../lib/auth/sign-in-delay';
import { verifiedCustomer } from '../support/accounts';
import { testDatabase } from '../support/db';
import { clearSignInLimitsForLocalhost, demoAdmin, demoCustomer, signIn, signOut, submitSignIn, testRedis } from './auth-helpers';

const { db, sql } = testDatabase();

test.beforeAll(clearSignInLimitsForLocalhost);
test.afterAll(() => sql.end());

test('a wrong password and an unknown email get the same generic error, and no session', async ({ page }) => {
  await page.goto('/sign-in');
  await submitSignIn(page, demoCustomer.email, 'Not-The-Password-1');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Email or password is incorrect.');
  await expect(page).toHaveURL(/\/sign-in/);

  await submitSignIn(page, `nobody-${randomUUID().slice(0, 8)}@example.test`, 'Whatever-Pass-1');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Email or password is incorrect.');

  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
});

test('anonymous visits to /account and /admin are sent to sign-in, and come back after signing in', async ({ page }) => {
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
  await submitSignIn(page, demoCustomer.email, demoCustomer.password);

  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await expect(page.getByText(demoCustomer.email)).toBeVisible();
});

test('a customer is kept out of /admin and sees no Admin link', async ({ page }) => {
  await signIn(page, demoCustomer);
  const header = page.getByRole('banner');
  await expect(header.getByRole('link', { name: 'Account' })).toBeVisible();
  await expect(header.getByRole('link', { name: 'Admin' })).toHaveCount(0);

  const response = await page.goto('/admin');
  expect(response?.status()).toBe(403); // a real 403, not a 200 "forbidden" page
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { name: 'You don’t have access to that page' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toHaveCount(0);
});

test('an admin sees the dashboard; its low-stock tile counts the rows of the list it opens', async ({ page }) => {
  await signIn(page, demoAdmin, '/admin');

  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  const lowStock = page.getByRole('link', { name: /Low on stock/ });
  const shown = Number(await lowStock.getByTestId('tile-count').textContent());
  expect(shown).toBeGreaterThan(0); // the seed has low-stock and sold-out variants
  await lowStock.click();
  await expect(page).toHaveURL(/\/admin\/inventory\?filter=low-stock/);
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(shown + 1); // + the header row
  await expect(page.getByRole('banner').getByRole('link', { name: 'Admin' })).toBeVisible();
});

test('signing out ends the session: the header offers sign-in and /account is gated again', async ({ page }) => {
  await signIn(page, demoCustomer, '/account');
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await signOut(page);
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
});

test('a callbackUrl to another site is ignored after sign-in', async ({ page, baseURL }) => {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent('https://evil.example/steal')}`);
  await submitSignIn(page, demoCustomer.email, demoCustomer.password);
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible();
  expect(page.url()).toBe(`${baseURL}/`);

  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent('//evil.example')}`);
  // Already signed in: the sign-in page forwards to the sanitised target straight away.
  await expect(page).toHaveURL(`${baseURL}/`);
});

test('registering answers "check your email", and the new account cannot sign in until its address is verified', async ({ page }) => {
  const email = `new-${randomUUID().slice(0, 8)}@example.test`;
  await page.goto('/register');
  await page.getByLabel('Name').fill('Ngozi New');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Use at least 10 characters.')).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue(email);

  await page.getByLabel('Password').fill('Lagos-Market-42');
  await page.getByRole('button', { name: 'Create account' }).click();

  // The same words whether or not the address already had an account; the next step is in the inbox.
  await expect(page.getByRole('main').getByRole('status')).toContainText('Check your email to continue.');
  await expect(page.getByRole('main').getByRole('status')).toContainText(email);
  await expect(page).toHaveURL(/\/register$/);
  const [row] = await db.select({ role: users.role, name: users.name, verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.email, email));
  expect(row).toEqual({ role: 'customer', name: 'Ngozi New', verifiedAt: null });

  // Until the emailed link is opened, the right password gets the same answer as a wrong one.
  await page.goto('/sign-in');
  await submitSignIn(page, email, 'Lagos-Market-42');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Email or password is incorrect.');
  await expect(page.getByText('Just created your account? Confirm your email address first')).toBeVisible();
});

test('an account under attack from many addresses asks the browser for a short proof of work, and its owner still signs in', async ({ page }) => {
  const email = `targeted-${randomUUID().slice(0, 8)}@example.test`;
  await verifiedCustomer(db, { email, name: 'Targeted Tolu', password: 'Lagos-Market-42' });
  // Failed guesses from many addresses have filled the account's window: the app's `signInByEmail` window (a sliding
  // hour under `ratelimit:signInByEmail`, lib/server/doors/rate-limit.ts, which this plain Node process cannot import),
  // taken until it refuses.
  const window = new Ratelimit({ redis: testRedis(), limiter: Ratelimit.slidingWindow(50, '1 h'), prefix: 'ratelimit:signInByEmail', ephemeralCache: false });
  while ((await window.limit(mailboxKey(email))).success) {}

  // The sign-in attempts the browser sends, and the answer to each.
  const attempts: { challenge: string | null; solution: string | null; at: number }[] = [];
  page.on('request', (request) => {
    if (!request.url().includes('/api/auth/callback/credentials')) return;
    const form = new URLSearchParams(request.postData() ?? '');
    attempts.push({ challenge: form.get('challenge'), solution: form.get('solution'), at: Date.now() });
  });

  await page.goto('/sign-in?callbackUrl=%2Faccount');
  await submitSignIn(page, email, 'Lagos-Market-42');
  // The first attempt is answered with a challenge; the form solves it with Web Crypto and sends the attempt again.
  await expect(page).toHaveURL(/\/account$/, { timeout: 20_000 });
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible();
  expect(attempts).toHaveLength(2);
  expect(attempts[0]).toMatchObject({ challenge: null, solution: null });
  expect(attempts[1]!.challenge).toMatch(/^17\.\d{13}\./);
  expect(attempts[1]!.solution).toMatch(/^\d+$/);
  test.info().annotations.push({ type: 'proof of work', description: `solved and resent in ${attempts[1]!.at - attempts[0]!.at} ms` });
});

test('after too many failed attempts from one address an account is slowed down, not locked: the right password waits its turn, then signs in', async ({
  page,
}) => {
  const email = `limited-${randomUUID().slice(0, 8)}@example.test`;
  await verifiedCustomer(db, { email, name: 'Limited Lara', password: 'Lagos-Market-42' });

  await page.goto('/sign-in');
  await submitSignIn(page, email, 'Not-The-Password-1');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Email or password is incorrect.');

  // The app counts attempts per account × client address; read which address it saw, then make that count as if this
  // browser had already failed nine times, with the next attempt allowed in a few seconds (waiting minutes is no test).
  const redis = testRedis();
  const key = signInDelayKey(email);
  const countField = Object.keys((await redis.hgetall<Record<string, unknown>>(key)) ?? {}).find((field) => field.endsWith('|n'));
  expect(countField).toBeDefined();
  const fields = signInDelayFields(countField!.slice(0, -'|n'.length));
  const readyAt = Date.now() + 4_000;
  await redis.hset(key, { [fields.count]: 9, [fields.readyAt]: readyAt });

  await submitSignIn(page, email, 'Lagos-Market-42');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(/^Too many failed attempts\. Please wait [1-4] seconds? before trying again\.$/);
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);

  // Once the wait is over, the owner's right password gets in.
  await expect.poll(() => Date.now() >= readyAt, { timeout: 10_000 }).toBe(true);
  await submitSignIn(page, email, 'Lagos-Market-42');
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible();
});
