// Issue 6 in a browser: a full purchase by a signed-in customer — browse, cart, checkout, pay on Paystack's hosted
// page — ends on a return page that says paid; the product page shows the stock went down; the order is in the
// customer's history as paid.
import { expect, test } from './fixtures';
import { stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';
import { accountOf, storageStateOf } from './auth-helpers';

const simulatorUrl = stackEnv(profiles.test).PAYSTACK_BASE_URL!;

test.use({ storageState: storageStateOf('customer') });

test('a full purchase is paid, takes the stock and shows in the order history', async ({ page }) => {
  test.setTimeout(90_000);
  const customer = accountOf('customer');

  // Browse to the product from the catalogue rather than by URL.
  await page.goto('/category/accessories');
  await page.getByTestId('product-card').filter({ hasText: 'Leather Weekender Bag' }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Leather Weekender Bag' })).toBeVisible();
  await page
    .getByRole('group', { name: /^Colour/ })
    .getByText('Black', { exact: true })
    .click();
  await expect(page.getByTestId('variant-availability')).toHaveText('Only 2 left');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByTestId('add-to-cart-message')).toContainText('Added to your cart.');

  await page.goto('/cart');
  await page.getByRole('link', { name: 'Checkout' }).click();
  await expect(page.getByLabel('Email')).toHaveValue(customer.email);
  await page.getByLabel('Full name').fill('Chidi Customer');
  await page.getByLabel('Phone number').fill('0803 123 4567');
  await page.getByLabel('Address', { exact: true }).fill('3 Kofo Abayomi Street');
  await page.getByLabel('City').fill('Victoria Island');
  await page.getByLabel('State').selectOption('Lagos');
  await page.getByRole('button', { name: /^Pay .* with Paystack$/ }).click();

  await expect(page).toHaveURL(new RegExp(`^${simulatorUrl}/checkout/`));
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByRole('heading', { name: 'Payment received — thank you!' })).toBeVisible();
  const number = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Order ', '');

  await page.goto('/products/leather-weekender-bag');
  await page
    .getByRole('group', { name: /^Colour/ })
    .getByText('Black', { exact: true })
    .click();
  await expect(page.getByTestId('variant-availability')).toHaveText('Only 1 left');

  await page.goto('/account/orders');
  const row = page.getByTestId('order-list').getByRole('link', { name: new RegExp(number) });
  await expect(row).toContainText('Paid');
});
