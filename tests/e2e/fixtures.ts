// Every e2e test runs with the production Content-Security-Policy on and fails on any violation: each browser
// context — the default one and any a test opens itself — is watched for the console errors Chromium reports when the
// policy blocks something. Specs import `test` and `expect` from here, not from @playwright/test.
//
// Catalogue pages load their scripts only after the first paint (lib/server/fast-lane/paint-first.ts), so `load` can
// come before React has hydrated them. In every context, `page.goto` and `page.reload` of such a page therefore also
// wait until the app marks the document hydrated, or the loader marks a script failed (a test that blocks the bundles
// acts on the page as it is) — what a shopper sees a moment after the page appears. A tap before that takes the
// no-JavaScript path, which rough-edges.spec.ts tests on purpose.
import { type BrowserContext, type Page, test as base, expect } from '@playwright/test';

const violations: string[] = [];

const live = () =>
  !document.querySelector('script[data-paint-first]') ||
  document.documentElement.hasAttribute('data-hydrated') ||
  document.documentElement.hasAttribute('data-scripts-failed');

function waitForLive(page: Page) {
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  const settle = async <T>(response: T, waitUntil?: string) => {
    if (waitUntil !== 'commit') await page.waitForFunction(live);
    return response;
  };
  page.goto = async (url, options) => settle(await goto(url, options), options?.waitUntil);
  page.reload = async (options) => settle(await reload(options), options?.waitUntil);
}

function watch(context: BrowserContext) {
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) violations.push(`${message.location().url}: ${message.text()}`);
  });
  for (const page of context.pages()) waitForLive(page);
  context.on('page', waitForLive);
}

export const test = base.extend<{ cspViolations: void }, { watchedBrowser: void }>({
  watchedBrowser: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const context = await newContext(options);
        watch(context);
        return context;
      };
      await use();
    },
    { scope: 'worker', auto: true },
  ],
  cspViolations: [
    async ({ context }, use) => {
      watch(context);
      violations.length = 0;
      await use();
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
