// Every e2e test runs with the production Content-Security-Policy on and fails on any violation: each browser
// context — the default one and any a test opens itself — is watched for the console errors Chromium reports when the
// policy blocks something. Specs import `test` and `expect` from here, not from @playwright/test.
import { type BrowserContext, test as base, expect } from '@playwright/test';

const violations: string[] = [];

function watch(context: BrowserContext) {
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) violations.push(`${message.location().url}: ${message.text()}`);
  });
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
