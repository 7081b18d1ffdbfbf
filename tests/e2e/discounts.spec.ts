// Discount codes in a browser: an admin creates a code at /admin/discounts; a guest shopper tries a wrong code (told
// why, next to the field), applies the real one in another case and sees the saving in the summary and on the Pay
// button, pays that discounted total on Paystack's page and sees the discount on the order; back in the console the
// code shows its use and revenue, and pausing it says so.
import { randomBytes } from 'node:crypto';
import { storageStateOf } from './auth-helpers';
import { expect, type Page, test } from './fixtures';
import { stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';

const product = { name: 'Aso-oke Cushion Cover', slug: 'aso-oke-cushion-cover', option: 'Colour', value: 'Teal', price: 12_500 };
const simulatorUrl = stackEnv(profiles.test).PAYSTACK_BASE_URL!;
const naira = (amount: number) => `₦${amount.toLocaleString('en-NG')}.00`;

async function addToCart(page: Page) {
  await page.goto(`/products/${product.slug}`);
  await page
    .getByRole('group', { name: new RegExp(`^${product.option}`) })
    .getByText(product.value, { exact: true })
    .click();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByTestId('add-to-cart-message')).toContainText('Added to your cart.');
}

test('an admin creates a code; a shopper applies it at checkout, pays the discounted total and sees the discount', async ({ browser, page }) => {
  test.setTimeout(120_000);
  const code = `E2E-${randomBytes(3).toString('hex').toUpperCase()}`;
  const admin = await (await browser.newContext({ storageState: storageStateOf('admin') })).newPage();

  // The admin: 20 % off items from ₦10,000, five uses in all. A percent over 100 is refused under its field first.
  await admin.goto('/admin/discounts');
  await expect(admin.getByRole('heading', { level: 1, name: 'Discounts' })).toBeVisible();
  await admin.getByLabel('Code', { exact: true }).fill(code);
  await admin.getByLabel('Percent off').fill('120');
  await admin.getByLabel('Minimum subtotal (₦, optional)').fill('10,000');
  await admin.getByLabel('Usage limit (optional)').fill('5');
  await admin.getByRole('button', { name: 'Create code' }).click();
  await expect(admin.getByText('A percentage is a whole number from 1 to 100')).toBeVisible();
  await expect(admin.getByLabel('Percent off')).toHaveAttribute('aria-invalid', 'true');
  await admin.getByLabel('Percent off').fill('20');
  await admin.getByRole('button', { name: 'Create code' }).click();
  await expect(admin.getByRole('status').filter({ hasText: `${code} created.` })).toBeVisible();
  const row = admin.locator(`[data-testid="discount-row"][data-code="${code}"]`);
  await expect(row).toContainText('20% off');
  await expect(row).toContainText('Items from ₦10,000.00');
  await expect(row.getByTestId('discount-uses')).toHaveText('0 / 5');

  // The shopper, as a guest.
  await addToCart(page);
  await page.goto('/checkout');
  await page.getByLabel('Email').fill('discount.buyer@example.test');
  await page.getByLabel('Full name').fill('Funke Shopper');
  await page.getByLabel('Phone number').fill('0803 123 4567');
  await page.getByLabel('Address', { exact: true }).fill('12 Herbert Macaulay Way');
  await page.getByLabel('City').fill('Yaba');
  await page.getByLabel('State').selectOption('Lagos');

  const codeField = page.getByRole('textbox', { name: 'Discount code (optional)' });
  await codeField.fill('NOT-A-CODE');
  await codeField.press('Enter'); // applies the code; never places the order
  await expect(page.getByTestId('coupon-feedback')).toHaveText("We don't recognise the code NOT-A-CODE. Check it and try again.");
  await expect(codeField).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/checkout$/);

  await codeField.fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Apply' }).click();
  const discount = product.price * 0.2;
  const total = product.price - discount + 2_500;
  await expect(page.getByTestId('coupon-feedback')).toHaveText(`${code} applied: you save ${naira(discount)}.`);
  await expect(page.getByTestId('summary-discount')).toHaveText(`−${naira(discount)}`);
  await expect(page.getByTestId('summary-total')).toHaveText(naira(total));
  await page.getByRole('button', { name: `Pay ${naira(total)} with Paystack` }).click();

  // Paystack is asked for the discounted total.
  await expect(page).toHaveURL(new RegExp(`^${simulatorUrl}/checkout/`));
  await expect(page.getByTestId('amount')).toHaveText(naira(total));
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page).toHaveURL(/\/checkout\/return\?/);
  await expect(page.getByRole('heading', { name: 'Payment received — thank you!' })).toBeVisible();
  await expect(page.getByTestId('order-discount')).toHaveText(`−${naira(discount)}`);
  await expect(page.getByText(`Discount (${code})`)).toBeVisible();
  await expect(page.getByTestId('order-total')).toHaveText(naira(total));

  // Back in the console: one use, the revenue it brought; then paused.
  await admin.reload();
  await expect(row.getByTestId('discount-uses')).toHaveText('1 / 5');
  await expect(row.getByTestId('discount-revenue')).toHaveText(naira(total));
  await row.getByRole('button', { name: `Pause ${code}` }).click();
  await expect(row).toContainText('Paused');
  await expect(row.getByRole('button', { name: `Resume ${code}` })).toBeVisible();
});
