// A shop owner's everyday look-ups in Chromium: finding an order by the phone number a customer reads out (typed the
// way people say it), writing an internal note on it that stays after a reload and never reaches the shopper, and the
// orders list on a phone — one card per order, nothing wider than the screen. Orders are written straight into the
// test database (this is about finding them), tagged so the run only looks at its own.
import { randomInt } from 'node:crypto';
import { expect, test } from './fixtures';
import { deleteTaggedOrders, fixtureTag, type InsertedOrder, insertOrders } from '../support/admin-order-fixtures';
import { testDatabase } from '../support/db';
import { storageStateOf } from './auth-helpers';

const { db, sql } = testDatabase();
const tag = fixtureTag('e2e-owner');
const tail = String(randomInt(1_000_000, 9_999_999));
let kemi: InsertedOrder;
let other: InsertedOrder;

test.beforeAll(async () => {
  [kemi, other] = (await insertOrders(db, [
    { email: `kemi.${tag}@example.test`, status: 'paid', total: 24_500_00, address: { fullName: `Kemi Adebayo ${tag}`, phone: `+234802${tail}` } },
    { email: `sola.${tag}@example.test`, status: 'paid', total: 9_000_00, address: { fullName: `Sola Ade ${tag}`, phone: '08030000001' } },
  ])) as [InsertedOrder, InsertedOrder];
});

test.afterAll(async () => {
  await deleteTaggedOrders(db, tag);
  await sql.end();
});

test.describe.configure({ timeout: 90_000 });
test.use({ storageState: storageStateOf('admin') });

test('an admin finds an order by phone as the customer reads it out, and adds an internal note to it', async ({ page }) => {
  await page.goto('/admin/orders');
  const search = page.getByLabel('Order number, name, phone, email or payment reference');
  const table = page.getByTestId('admin-order-list');
  // Stored as +234…; typed with a leading 0 and spaces.
  await search.fill(`0802 ${tail.slice(0, 3)} ${tail.slice(3)}`);
  await search.press('Enter');
  await expect(table.getByRole('link', { name: kemi.number })).toBeVisible();
  await expect(table.getByRole('link', { name: other.number })).toHaveCount(0);
  await expect(table).toContainText(`Kemi Adebayo ${tag}`);
  await expect(table).toContainText('1 result');

  await table.getByRole('link', { name: kemi.number }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Order ${kemi.number}` })).toBeVisible();
  const notes = page.getByTestId('internal-notes');
  await expect(notes).toContainText('No notes yet.');

  // An empty note is refused next to the field; typing clears the message.
  await notes.getByRole('button', { name: 'Add note' }).click();
  await expect(notes.getByLabel('Add a note')).toHaveAttribute('aria-invalid', 'true');
  await expect(notes).toContainText('Write the note first.');
  await notes.getByLabel('Add a note').fill(`Called: leave with the gateman ${tag}`);
  await expect(notes.getByLabel('Add a note')).not.toHaveAttribute('aria-invalid', 'true');
  await notes.getByRole('button', { name: 'Add note' }).click();

  await expect(notes.getByTestId('internal-note')).toHaveCount(1);
  await expect(notes.getByTestId('internal-note').first()).toContainText(`Called: leave with the gateman ${tag}`);
  await expect(notes.getByLabel('Add a note')).toHaveValue('');
  // Kept: a reload shows it, with who wrote it.
  await page.reload();
  await expect(page.getByTestId('internal-note').first()).toContainText(`Called: leave with the gateman ${tag}`);

  // And in the audit log, in words, linked back to the order.
  await page.goto(`/admin/audit?entityId=${kemi.id}`);
  await expect(page.getByTestId('audit-change').first()).toContainText(`Note: Called: leave with the gateman ${tag}`);
});

test('on a phone the orders list is one card per order and nothing is wider than the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/admin/orders?${new URLSearchParams({ q: tag })}`);
  const table = page.getByTestId('admin-order-list');
  await expect(table.getByRole('link', { name: kemi.number })).toBeVisible();
  await expect(table).toContainText('2 results');
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    list: document.querySelector('[data-testid="admin-order-list"] table')?.scrollWidth ?? 0,
  }));
  expect(widths.page).toBeLessThanOrEqual(390);
  expect(widths.list).toBeLessThanOrEqual(390);
  // The labels a table header gave are on each card.
  const card = table.getByRole('row').filter({ has: page.getByRole('link', { name: kemi.number }) });
  await expect(card).toContainText('₦24,500.00');
  await expect(card).toContainText(`+234802${tail}`);
});
