// After a purchase, what a shopper keeps: a guest pays in Chromium through the Paystack simulator's hosted page, then
// downloads the invoice PDF from their order page (its text names the invoice number and the total), and the order
// confirmation and the payment receipt — sent by the background jobs of the app's own server — arrive in the test
// stack's mail catcher with the same total. The address is unique per run, so the shared inbox cannot confuse runs.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';
import { mailTo } from '../support/inbox';

const simulatorUrl = stackEnv(profiles.test).PAYSTACK_BASE_URL!;
// 2 × Brass Cuff Bracelet (₦13,500) + standard delivery (₦2,500).
const total = '₦29,500.00';

function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('pdftotext', ['-layout', '-', '-'], { encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    child.stdin?.end(pdf);
  });
}

test('a paid order brings its confirmation and receipt by email, and its invoice PDF downloads from the order page', async ({ page }) => {
  test.setTimeout(120_000);
  const email = `invoice-buyer-${randomUUID().slice(0, 8)}@example.test`;

  await page.goto('/products/brass-cuff-bracelet');
  await expect(page.getByRole('heading', { level: 1, name: 'Brass Cuff Bracelet' })).toBeVisible();
  await page.getByLabel('Quantity').fill('2');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByTestId('add-to-cart-message')).toContainText('Added to your cart.');

  await page.goto('/cart');
  await page.getByRole('link', { name: 'Checkout' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Full name').fill('Funke Guest');
  await page.getByLabel('Phone number').fill('0803 123 4567');
  await page.getByLabel('Address', { exact: true }).fill('21 Bode Thomas Street');
  await page.getByLabel('City').fill('Surulere');
  await page.getByLabel('State').selectOption('Lagos');
  await expect(page.getByTestId('summary-total')).toHaveText(total);
  await page.getByRole('button', { name: /^Pay .* with Paystack$/ }).click();

  await expect(page).toHaveURL(new RegExp(`^${simulatorUrl}/checkout/`));
  await expect(page.getByTestId('amount')).toHaveText(total);
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByRole('heading', { name: 'Payment received — thank you!' })).toBeVisible();
  const orderNumber = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Order ', '');
  const invoiceHref = await page.getByRole('link', { name: 'Download invoice (PDF)' }).getAttribute('href');
  const orderId = /\/api\/orders\/([0-9a-f-]{36})\/invoice/.exec(invoiceHref ?? '')?.[1];
  expect(orderId).toBeDefined();

  // The guest's order page (this browser holds the order's access cookie from checkout).
  await page.goto(`/orders/${orderId}`);
  await expect(page.getByRole('heading', { level: 1, name: `Order ${orderNumber}` })).toBeVisible();
  await expect(page.getByTestId('order-total')).toHaveText(total);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download invoice (PDF)' }).click()]);
  const filename = download.suggestedFilename();
  expect(filename).toMatch(/^INV-\d{4}-\d{6}\.pdf$/);
  const invoiceNumber = filename.replace(/\.pdf$/, '');
  const text = await pdfText(await readFile((await download.path())!));
  expect(text).toContain(invoiceNumber);
  expect(text).toContain(orderNumber);
  expect(text).toContain(total);

  // The jobs run in the app's server after the payment commits; poll the inbox for both messages.
  const [confirmation] = await mailTo(email, 1, (mail) => mail.subject === `Order ${orderNumber} confirmed – Paystack Commerce`, 60_000);
  expect(confirmation!.text).toContain(total);
  expect(confirmation!.text).toContain(`/orders/${orderId}?token=`);
  const [receipt] = await mailTo(email, 1, (mail) => mail.subject === `Receipt for ${total} – order ${orderNumber}`, 60_000);
  expect(receipt!.text).toContain(total);
  expect(receipt!.text).toContain('Card via Paystack');
});
