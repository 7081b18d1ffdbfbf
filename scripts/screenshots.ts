// `npm run screenshots`: one screenshot per main admin page (and the storefront home) of the seeded local stack, saved
// under docs/screenshots/ for the README. Start the stack first (`npm start`, or SHOP_URL for another one).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { repoRoot } from './stack/profiles';

const base = process.env.SHOP_URL ?? 'http://127.0.0.1:3000';
const admin = { email: process.env.ADMIN_EMAIL ?? 'admin@shop.test', password: process.env.ADMIN_PASSWORD ?? 'Admin#Shop2026' };
const outDir = path.join(repoRoot, 'docs', 'screenshots');

const pages: Array<{ name: string; path: string; waitFor?: string }> = [
  { name: 'storefront-home', path: '/' },
  { name: 'admin-dashboard', path: '/admin', waitFor: 'svg.recharts-surface' },
  { name: 'admin-orders', path: '/admin/orders' },
  { name: 'admin-payments', path: '/admin/payments' },
  { name: 'admin-webhooks', path: '/admin/webhooks' },
  { name: 'admin-inventory', path: '/admin/inventory' },
  { name: 'admin-products', path: '/admin/products' },
  { name: 'admin-customers', path: '/admin/customers' },
  { name: 'admin-jobs', path: '/admin/jobs' },
  { name: 'admin-audit', path: '/admin/audit' },
];

async function main() {
  const health = await fetch(`${base}/api/health`).catch(() => null);
  if (!health?.ok) throw new Error(`No shop answers at ${base}: start it with \`npm start\` (or set SHOP_URL), then run this again.`);
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, baseURL: base });
    await page.goto('/sign-in?callbackUrl=%2Fadmin');
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL('**/admin');
    for (const shot of pages) {
      const response = await page.goto(shot.path);
      if (!response?.ok()) throw new Error(`${shot.path} answered ${response?.status()}`);
      if (shot.waitFor) await page.waitForSelector(shot.waitFor);
      await page.waitForLoadState('networkidle');
      const file = path.join(outDir, `${shot.name}.png`);
      await page.screenshot({ path: file, fullPage: false });
      console.log(`  ${path.relative(repoRoot, file)}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
