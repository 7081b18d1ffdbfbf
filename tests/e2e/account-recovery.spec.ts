// Account links in a real browser against `next start`: a new account verifies its address through the emailed link
// and then signs in; a forgotten password is reset through the emailed link, after which only the new one works. The
// emails are sent by the app's own background jobs and read from the test stack's mail catcher; addresses are unique
// per run, so the shared inbox cannot confuse runs.
import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from './fixtures';
import { verifiedCustomer } from '../support/accounts';
import { testDatabase } from '../support/db';
import { type CaughtMail, mailTo } from '../support/inbox';
import { clearSignInLimitsForLocalhost, submitSignIn } from './auth-helpers';

const { db, sql } = testDatabase();

test.beforeAll(clearSignInLimitsForLocalhost);
test.afterAll(() => sql.end());

/** The emailed link's path and query: the browser stays on the test's own host, whatever NEXTAUTH_URL spells. */
function linkIn(mail: CaughtMail, path: '/verify-email' | '/reset-password'): string {
  const found = new RegExp(`https?://[^\\s"<>]+${path}\\?token=[A-Za-z0-9_-]+`).exec(mail.text)?.[0];
  if (!found) throw new Error(`no ${path} link in "${mail.subject}"`);
  const url = new URL(found);
  return `${url.pathname}${url.search}`;
}

async function expectSignedIn(page: Page) {
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible();
}

test('register → open the emailed link in the same browser → one click confirms and signs in', async ({ page }) => {
  test.setTimeout(60_000);
  const email = `verify-${randomUUID().slice(0, 8)}@example.test`;
  await page.goto('/register');
  await page.getByLabel('Name').fill('Vera Verify');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('Lagos-Market-42');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('Check your email to continue.');

  const [mail] = await mailTo(email, 1, (message) => message.subject.includes('Confirm your email address'), 30_000);
  const link = linkIn(mail!, '/verify-email');

  // Opening the link changes nothing by itself (a mail scanner fetching it cannot spend it); the button does. This is
  // the browser that registered, so no password is asked for.
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Confirm your email address' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(email);
  await expect(page.getByLabel('Password')).toHaveCount(0);
  await page.getByRole('button', { name: 'Confirm and sign in' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText(`Your email address ${email} is confirmed. You are signed in.`);
  await expectSignedIn(page);
  await page.getByRole('main').getByRole('link', { name: 'Go to your account' }).click();
  await expect(page.getByRole('main')).toContainText(email);
  await expect(page.getByText('No orders yet.')).toBeVisible();

  // The link was for one use.
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'This link does not work' })).toBeVisible();
});

test('the emailed link opened in another browser asks for the password, then signs that browser in', async ({ page, browser }) => {
  test.setTimeout(60_000);
  const email = `verify-elsewhere-${randomUUID().slice(0, 8)}@example.test`;
  await page.goto('/register');
  await page.getByLabel('Name').fill('Vera Elsewhere');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('Lagos-Market-42');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('Check your email to continue.');
  const [mail] = await mailTo(email, 1, (message) => message.subject.includes('Confirm your email address'), 30_000);

  // Another device: no registration cookie here.
  const phone = await browser.newContext();
  const other = await phone.newPage();
  await other.goto(linkIn(mail!, '/verify-email'));
  await other.getByLabel('Password').fill('Not-The-Password-1');
  await other.getByRole('button', { name: 'Confirm and sign in' }).click();
  await expect(other.getByRole('main').getByRole('alert')).toContainText('That is not the password this account was created with.');
  await other.getByLabel('Password').fill('Lagos-Market-42');
  await other.getByRole('button', { name: 'Confirm and sign in' }).click();
  await expect(other.getByRole('main').getByRole('status')).toContainText('You are signed in.');
  await expectSignedIn(other);
  await phone.close();
});

test('forgot password → reset through the emailed link → only the new password signs in', async ({ page }) => {
  test.setTimeout(60_000);
  const email = `forgot-${randomUUID().slice(0, 8)}@example.test`;
  await verifiedCustomer(db, { email, name: 'Femi Forgot', password: 'Old-Password-2026' });

  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).first().click();
  await expect(page).toHaveURL(/\/reset-password$/);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a link' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('Check your email.');

  const [mail] = await mailTo(email, 1, (message) => message.subject.includes('Reset your'), 30_000);
  const link = linkIn(mail!, '/reset-password');
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('New password').fill('password');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByText('Use at least 10 characters.')).toBeVisible();
  await page.getByLabel('New password').fill('New-Password-2027');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('Your password is changed.');

  await page.getByRole('link', { name: 'Sign in with your new password' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await submitSignIn(page, email, 'Old-Password-2026');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Email or password is incorrect.');
  await submitSignIn(page, email, 'New-Password-2027');
  await expectSignedIn(page);

  // Spent: the same link now offers to send a new one.
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('This link has expired or was already used.');
});
