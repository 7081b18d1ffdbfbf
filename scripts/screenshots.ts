// `npm run screenshots`: one screenshot per main admin page (and the storefront home) of the seeded local stack, saved
// under docs/screenshots/ for the README. Start the stack first (`npm start`, or SHOP_URL for another one).
// A freshly seeded shop has sold nothing, so first a few guests buy through the Store API and pay at the Paystack
// simulator (and one leaves without paying): the dashboard, orders, payments and webhook pages then show real rows.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { repoRoot } from './stack/profiles';

const base = process.env.SHOP_URL ?? 'http://127.0.0.1:3000';
const admin = { email: process.env.ADMIN_EMAIL ?? 'admin@shop.test', password: process.env.ADMIN_PASSWORD ?? 'Admin#Shop2026' };
const simulator = process.env.PAYSTACK_BASE_URL ?? 'http://127.0.0.1:8090';
const outDir = path.join(repoRoot, 'docs', 'screenshots');
const DEMO_ORDERS = 6;

interface InventoryPage {
  rows: Array<{ variantId: string; productId: string; available: number; productStatus: string; archived: boolean }>;
}

/** Real guest purchases: add to cart, check out, pay at the simulator (whose webhook commits the order). */
async function placeDemoOrders(variantIds: string[]) {
  for (let index = 0; index < DEMO_ORDERS; index += 1) {
    const added = await fetch(`${base}/api/cart/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ variantId: variantIds[index % variantIds.length], quantity: 1 + (index % 2) }),
    });
    if (!added.ok) throw new Error(`add to cart answered ${added.status}: ${await added.text()}`);
    const cookie =
      added.headers
        .getSetCookie()
        .find((line) => line.startsWith('cart_session='))
        ?.split(';')[0] ?? '';
    const placed = await fetch(`${base}/api/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base, cookie },
      body: JSON.stringify({
        email: `demo-buyer-${index + 1}@example.com`,
        shippingAddress: { fullName: `Demo Buyer ${index + 1}`, phone: '08031234567', line1: '1 Marina', city: 'Lagos Island', state: 'Lagos' },
        deliveryOption: 'pickup',
      }),
    });
    if (!placed.ok) throw new Error(`checkout answered ${placed.status}: ${await placed.text()}`);
    const { reference } = (await placed.json()) as { reference: string };
    // The last shopper leaves at the payment page: an order awaiting payment, its stock held.
    if (index === DEMO_ORDERS - 1) continue;
    const paid = await fetch(`${simulator}/__simulator/transactions/${encodeURIComponent(reference)}/pay`, { method: 'POST' });
    if (!paid.ok) throw new Error(`the Paystack simulator would not pay ${reference}: ${paid.status}`);
  }
  console.log(`  placed ${DEMO_ORDERS} demo orders (${DEMO_ORDERS - 1} paid)`);
}

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
    const inventory = (await (await page.request.get('/api/admin/inventory?pageSize=100')).json()) as InventoryPage;
    const inStock = inventory.rows.filter((row) => row.productStatus === 'active' && !row.archived && row.available >= 4);
    // One variant of each of several products, so the orders look like a shop's day rather than one item's.
    const buyable = [...new Map(inStock.map((row) => [row.productId, row.variantId])).values()];
    if (buyable.length === 0) throw new Error('nothing in stock to buy for the demo orders');
    await placeDemoOrders(buyable.slice(0, 4));
    for (const shot of pages) {
      const response = await page.goto(shot.path);
      if (!response?.ok()) throw new Error(`${shot.path} answered ${response?.status()}`);
      if (shot.waitFor) await page.waitForSelector(shot.waitFor);
      await page.waitForLoadState('networkidle');
      const file = path.join(outDir, `${shot.name}.png`);
      await page.screenshot({ path: file, fullPage: true });
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
