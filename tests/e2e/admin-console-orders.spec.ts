// The admin console's orders and dashboard in Chromium: an admin finds an order by typing its email into the orders
// table's search (the URL follows, and Back brings the previous search back), opens it; the dashboard's sales chart
// renders in the browser and its attention tiles open the lists they count. Orders are written straight into the
// test database (no checkout: this is about finding them), tagged so the run only looks at its own.
import { expect, test } from './fixtures';
import { deleteTaggedOrders, fixtureTag, type InsertedOrder, insertOrders } from '../support/admin-order-fixtures';
import { testDatabase } from '../support/db';
import { storageStateOf } from './auth-helpers';

const { db, sql } = testDatabase();
const tag = fixtureTag('e2e-orders');
const email = (name: string) => `${name}.${tag}@example.test`;
let amaka: InsertedOrder;
let bayo: InsertedOrder;
let flagged: InsertedOrder;

test.beforeAll(async () => {
  const made = await insertOrders(db, [
    { email: email('amaka'), status: 'paid', total: 42_000_00, daysAgo: 2 },
    { email: email('bayo'), status: 'fulfilled', total: 18_500_00, daysAgo: 1 },
    // Placed now, so it leads the filtered list: money in, order not honoured as placed.
    { email: email('flagged'), status: 'paid_needs_attention', total: 27_000_00 },
  ]);
  [amaka, bayo, flagged] = made as [InsertedOrder, InsertedOrder, InsertedOrder];
});

test.afterAll(async () => {
  await deleteTaggedOrders(db, tag);
  await sql.end();
});

// Sign-in, a handful of navigations and a chart on two shared cores: more than the default 30 s.
test.describe.configure({ timeout: 90_000 });

test.use({ storageState: storageStateOf('admin') });

test('an admin finds an order by email as they type; Back restores the previous search; the order opens', async ({ page }) => {
  await page.goto('/admin/orders');
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
  const search = page.getByLabel('Order number, name, phone, email or payment reference');
  const table = page.getByTestId('admin-order-list');

  // Typing is enough: the search lands in the URL once typing pauses, and the table follows it.
  await search.pressSequentially(email('amaka'));
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(email('amaka'))}`));
  await expect(table.getByRole('link', { name: amaka.number })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('1 result');

  await search.fill(email('bayo'));
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(email('bayo'))}`));
  await expect(table.getByRole('link', { name: bayo.number })).toBeVisible();
  await expect(table.getByRole('link', { name: amaka.number })).toHaveCount(0);

  // Back: the previous search, in the URL, the box and the table.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(email('amaka'))}`));
  await expect(search).toHaveValue(email('amaka'));
  await expect(table.getByRole('link', { name: amaka.number })).toBeVisible();
  await expect(table.getByRole('link', { name: bayo.number })).toHaveCount(0);

  // A filter on top narrows it; Back undoes just that.
  await page.getByLabel('Status').selectOption('fulfilled');
  await expect(page).toHaveURL(/[?&]status=fulfilled/);
  await expect(table).toContainText('No orders match these filters');
  await page.goBack();
  await expect(page.getByLabel('Status')).toHaveValue('');
  await expect(table.getByRole('link', { name: amaka.number })).toBeVisible();

  // The CSV link exports exactly this view.
  await expect(page.getByRole('link', { name: 'Download CSV' })).toHaveAttribute(
    'href',
    `/api/admin/orders/export.csv?${new URLSearchParams({ q: email('amaka') })}`,
  );

  await table.getByRole('link', { name: amaka.number }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Order ${amaka.number}` })).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
});

test('the dashboard draws the sales chart and its tiles open the filtered lists', async ({ page }) => {
  await page.goto('/admin');
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  // Recharts draws in the browser only.
  await expect(page.locator('svg.recharts-surface').first()).toBeVisible();
  await expect(page.getByTestId('sales-chart').locator('.recharts-bar-rectangle').first()).toBeAttached();
  // 7 / 30 / 90 days, in the URL.
  await page.getByRole('navigation', { name: 'Chart range' }).getByRole('link', { name: '7 days' }).click();
  await expect(page).toHaveURL(/\/admin\?range=7$/);
  await expect(page.getByRole('navigation', { name: 'Chart range' }).getByRole('link', { name: '7 days' })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('svg.recharts-surface').first()).toBeVisible();

  const tile = page.getByTestId('attention-tiles').getByRole('link', { name: /Orders needing attention/ });
  await expect(tile.getByTestId('tile-count')).not.toHaveText('0');
  await tile.click();
  await expect(page).toHaveURL(/\/admin\/orders\?status=paid_needs_attention$/);
  await expect(page.getByLabel('Status')).toHaveValue('paid_needs_attention');
  const table = page.getByTestId('admin-order-list');
  await expect(table.getByRole('link', { name: flagged.number })).toBeVisible();
  await expect(table.getByTestId('order-status')).toHaveText(Array(await table.getByTestId('order-status').count()).fill('Paid – being reviewed'));

  await page.goto('/admin');
  await page
    .getByTestId('attention-tiles')
    .getByRole('link', { name: /Refunds needing attention/ })
    .click();
  await expect(page).toHaveURL(/\/admin\/orders\?refund=attention$/);
  await expect(page.getByLabel('Refunds')).toHaveValue('attention');
});

test('a link to an order that does not exist says so inside the console, with the way back to the lists', async ({ page }) => {
  await page.goto('/admin/orders/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('heading', { name: 'Nothing here' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Admin' })).toBeVisible();
  await page.getByRole('region', { name: 'Nothing here' }).getByRole('link', { name: 'Orders', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
});
