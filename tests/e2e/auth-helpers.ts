// Sign-in steps shared by the auth and cart-merge specs (they drive the real form, as a shopper would) and by the
// setup project (sign-in.setup.ts), which signs a customer and an admin in once per run and keeps their browser state
// for every other spec that needs a signed-in user.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { Redis } from '@upstash/redis';
import { stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';

export const demoCustomer = { email: 'customer@shop.test', password: 'Customer#Shop2026', name: 'Chidi Customer' };
export const demoAdmin = { email: 'admin@shop.test', password: 'Admin#Shop2026', name: 'Adaeze Admin' };

/** Fills and submits the sign-in form on the current page (which must be /sign-in). */
export async function submitSignIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs in from /sign-in and waits until the header shows the account links. */
export async function signIn(page: Page, user: { email: string; password: string }, callbackPath?: string) {
  await page.goto(callbackPath ? `/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}` : '/sign-in');
  await submitSignIn(page, user.email, user.password);
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
}

/** The test stack's Redis through its Upstash bridge, as the app sees it. */
export function testRedis(): Redis {
  const env = stackEnv(profiles.test);
  return new Redis({ url: env.UPSTASH_REDIS_REST_URL!, token: env.UPSTASH_REDIS_REST_TOKEN! });
}

/**
 * The test stack's Redis keeps its data between runs, and every e2e request comes from 127.0.0.1: forget this
 * address's failed sign-ins (the per-IP limit, and the delays per account × address) so earlier runs cannot push
 * this one over a limit.
 */
export async function clearSignInLimitsForLocalhost() {
  const redis = testRedis();
  const keys = [...(await redis.keys('ratelimit:signInByIp:*')), ...(await redis.keys('signin-delay:*'))];
  if (keys.length > 0) await redis.del(...keys);
}

/** The accounts the setup project signs in: fresh ones each run, so no other spec's sign-out can end their sessions. */
export type SignedInRole = 'customer' | 'admin';

export interface E2eAccount {
  email: string;
  name: string;
  password: string;
}

// Under the test profile's data folder, so runs with different SHOP_TEST_PORT_OFFSETs keep their own.
const authDir = path.join(profiles.test.dataDir, 'e2e-auth');

/** The browser state (session cookie) of the role's account, for `test.use({ storageState })` or `browser.newContext`. */
export const storageStateOf = (role: SignedInRole) => path.join(authDir, `${role}.json`);

/** The role's account as the setup project made it (read when a test runs: the file is written after specs load). */
export function accountOf(role: SignedInRole): E2eAccount {
  return JSON.parse(readFileSync(path.join(authDir, `${role}-account.json`), 'utf8')) as E2eAccount;
}

export function saveAccount(role: SignedInRole, account: E2eAccount): void {
  mkdirSync(authDir, { recursive: true });
  writeFileSync(path.join(authDir, `${role}-account.json`), `${JSON.stringify(account)}\n`);
}
