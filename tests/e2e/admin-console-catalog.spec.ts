// The admin console's catalogue pages in Chromium, against the production build: an admin finds a variant under
// Inventory, corrects its stock with a reason, and the product page a shopper has open shows the new availability; a
// correction made on numbers that moved meanwhile is refused with the numbers as they are now. A product created in
// the console, with an image uploaded from disk, is in its category listing and in search, with its picture served.
// The variant adjusted here is a fresh one, so the seeded stock other specs count on is never touched.
import { randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { adjustStock } from '../../lib/inventory/adjust-stock';
import { placeOrder } from '../../lib/checkout/place-order';
import { createTestVariants, testAddress } from '../support/catalog-fixtures';
import { testDatabase } from '../support/db';
import { storageStateOf } from './auth-helpers';
import { type Browser, expect, type Page, test } from './fixtures';

const { db, sql } = testDatabase();
test.afterAll(() => sql.end());

/** A second browser, signed in as the setup project's admin (the test's own page is the shopper's). */
async function adminPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ storageState: storageStateOf('admin') })).newPage();
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A real, decodable PNG of one colour: what a photographer's export would be to the upload, only smaller. */
function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('an admin corrects stock under Inventory and the product page shows the new availability', async ({ browser, page: shopper }) => {
  test.setTimeout(90_000);
  const [variant] = await createTestVariants(db, [{ stock: 10 }]);
  const slug = `test-${variant!.sku.split('-')[1]}`;

  await shopper.goto(`/products/${slug}`);
  await expect(shopper.getByTestId('variant-availability')).toHaveText('In stock');

  const admin = await adminPage(browser);
  await admin.goto('/admin');
  await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Inventory' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Inventory' })).toBeVisible();
  const find = admin.getByRole('search', { name: 'Find variants' });
  await find.getByLabel('Product, variant or SKU').fill(variant!.sku);
  await find.getByRole('button', { name: 'Search' }).click();
  await expect(admin).toHaveURL(new RegExp(`q=${variant!.sku}`));
  await admin.getByRole('link', { name: /Test product/ }).click();
  await expect(admin.getByTestId('stock-on-hand')).toHaveText('10');

  // A stocktake finds two on the shelf.
  await admin.getByText('Set on hand (stocktake)').click();
  await admin.getByLabel('Units on hand').fill('2');
  await expect(admin.getByText('On hand 10 → 2; available 10 → 2.')).toBeVisible();
  await admin.getByLabel('Reason').fill('Stocktake: 8 damaged in the rain');
  await admin.getByRole('button', { name: 'Save adjustment' }).click();
  await expect(admin.getByTestId('adjust-stock-done')).toHaveText('Saved: on hand 10 → 2 (2 available).');
  await expect(admin.getByTestId('stock-on-hand')).toHaveText('2');
  await expect(admin.getByTestId('stock-history')).toContainText('On hand 10 → 2 (-8)');
  await expect(admin.getByTestId('stock-history')).toContainText('Reason: Stocktake: 8 damaged in the rain');

  await shopper.reload();
  await expect(shopper.getByTestId('variant-availability')).toHaveText('Only 2 left');

  // A shopper reserves one while the admin's form is open: a hold does not stand in the way of a restock.
  const placed = await placeOrder(
    { db },
    {
      userId: null,
      email: `holder-${randomUUID().slice(0, 8)}@example.test`,
      shippingAddress: testAddress,
      deliveryOption: 'pickup',
      lines: [{ variantId: variant!.id, quantity: 1 }],
    },
  );
  expect(placed.ok).toBe(true);
  const addUnits = async (units: string, reason: string) => {
    await admin.getByText('Add units').click();
    await admin.getByLabel('Units to add').fill(units);
    await admin.getByLabel('Reason').fill(reason);
    await admin.getByRole('button', { name: 'Save adjustment' }).click();
  };
  await addUnits('20', 'Delivery from the workshop');
  await expect(admin.getByTestId('adjust-stock-done')).toHaveText('Saved: on hand 2 → 22 (21 available).');
  await expect(admin.getByTestId('stock-on-hand')).toHaveText('22');
  await expect(admin.getByTestId('active-holds')).toContainText(placed.ok ? placed.value.number : '');

  // Another admin changes on hand while this page still shows 22: its next correction is refused with the numbers as
  // they are now, and goes through once resubmitted against them.
  const [other] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@shop.test'));
  const meanwhile = await adjustStock(db, {
    variantId: variant!.id,
    expectedOnHand: 22,
    mode: 'remove',
    quantity: 2,
    reason: 'Two sent back',
    adminId: other!.id,
  });
  expect(meanwhile.ok).toBe(true);
  await addUnits('5', 'Late delivery');
  await expect(admin.getByTestId('adjust-stock-error')).toHaveText(
    'The stock changed since you opened it: now 20 on hand, 1 reserved (19 available). Nothing was saved — check the numbers and submit again.',
  );
  await expect(admin.getByTestId('stock-on-hand')).toHaveText('20');
  await addUnits('5', 'Late delivery');
  await expect(admin.getByTestId('adjust-stock-done')).toHaveText('Saved: on hand 20 → 25 (24 available).');

  await shopper.reload();
  await expect(shopper.getByTestId('variant-availability')).toHaveText('In stock');
});

test('a product created in the console with an uploaded image is in its category and in search', async ({ browser, page: shopper }) => {
  test.setTimeout(90_000);
  const tag = randomUUID().slice(0, 6);
  const title = `Ikoyi Lantern ${tag}`;
  const admin = await adminPage(browser);

  await admin.goto('/admin/products');
  await admin.getByRole('link', { name: 'New product' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'New product' })).toBeVisible();
  await admin.getByLabel('Title').fill(title);
  await expect(admin.getByLabel('Slug')).toHaveValue(`ikoyi-lantern-${tag}`);
  await admin.getByLabel('Category').selectOption({ label: 'Home & Living' });
  await admin.getByLabel('Description').fill('A pierced brass lantern made in Ikoyi; throws patterned light across a room.');
  await admin.getByLabel('Upload an image').setInputFiles({ name: 'lantern.png', mimeType: 'image/png', buffer: solidPng(64, 48, [180, 120, 40]) });
  await expect(admin.getByTestId('product-images')).toContainText('64×48 · /uploads/');

  // Saving without a price says so next to the variant.
  await admin.getByLabel('SKU of variant 1').fill(`LAN-${tag}`);
  await admin.getByRole('button', { name: 'Create product' }).click();
  await expect(admin.getByTestId('variant-0-errors')).toContainText('Enter the price in naira');
  await admin.getByLabel('Price of variant 1 in naira', { exact: true }).fill('9,500');
  await admin.getByLabel('Starting stock of variant 1').fill('5');
  await admin.getByRole('button', { name: 'Create product' }).click();
  await expect(admin.getByText('Product created. It is in the shop now.')).toBeVisible();
  await expect(admin.getByRole('heading', { level: 1, name: title })).toBeVisible();

  await shopper.goto('/category/home?sort=newest');
  const card = shopper.getByTestId('product-card').filter({ hasText: title });
  await expect(card).toBeVisible();
  await expect(card.getByTestId('card-price')).toHaveText('₦9,500.00');
  await shopper.goto(`/search?q=${encodeURIComponent(tag)}`);
  await expect(shopper.getByTestId('product-card').filter({ hasText: title })).toBeVisible();
  await shopper.getByTestId('product-card').filter({ hasText: title }).getByRole('link').first().click();
  await expect(shopper.getByRole('heading', { level: 1, name: title })).toBeVisible();
  // The uploaded picture is served (it was written after the server started) and decodes.
  const picture = shopper.locator('img[src^="/uploads/"]').first();
  await expect(picture).toBeVisible();
  await expect.poll(() => picture.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(64);
});
