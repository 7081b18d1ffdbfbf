// Saved cards in Chromium: the signed-in customer pays once on Paystack's hosted page (the simulator) with "Save this
// card for next time" ticked, finds the card under Account → Payment methods, then buys again with "Pay with Visa ••••
// 4081" — no Paystack page — and lands on the return page with the order paid. The setup project's customer is fresh
// each run, so the card list starts empty.
import { expect, type Page, test } from './fixtures';
import { stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';
import { storageStateOf } from './auth-helpers';

const simulatorUrl = stackEnv(profiles.test).PAYSTACK_BASE_URL!;

test.use({ storageState: storageStateOf('customer') });

async function toCheckoutWithOneNecklace(page: Page) {
  await page.goto('/products/beaded-statement-necklace');
  await page
    .getByRole('group', { name: /^Colour/ })
    .getByText('Turquoise', { exact: true })
    .click();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByTestId('add-to-cart-message')).toContainText('Added to your cart.');
  await page.goto('/cart');
  await page.getByRole('link', { name: 'Checkout' }).click();
  await page.getByLabel('Full name').fill('Card Keeper');
  await page.getByLabel('Phone number').fill('0803 123 4567');
  await page.getByLabel('Address', { exact: true }).fill('5 Adeola Odeku Street');
  await page.getByLabel('City').fill('Victoria Island');
  await page.getByLabel('State').selectOption('Lagos');
}

test('pay once with "save this card", then buy again in one click and see the order paid', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/account/payment-methods');
  await expect(page.getByTestId('no-saved-cards')).toBeVisible();

  await toCheckoutWithOneNecklace(page);
  await expect(page.getByTestId('pay-with-saved-card')).toHaveCount(0);
  await page.getByLabel(/Save this card for next time/).check();
  await page.getByRole('button', { name: /^Pay .* with Paystack$/ }).click();
  await expect(page).toHaveURL(new RegExp(`^${simulatorUrl}/checkout/`));
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByRole('heading', { name: 'Payment received — thank you!' })).toBeVisible();

  // The card was kept when the payment committed (the webhook or the return page, whichever came first).
  await page.goto('/account/payment-methods');
  const cards = page.getByTestId('saved-cards');
  await expect(cards).toContainText('Visa •••• 4081');
  await expect(cards).toContainText(`expires 12/${new Date().getFullYear() + 5}`);
  await expect(cards).not.toContainText('AUTH_');

  await toCheckoutWithOneNecklace(page);
  await page.getByRole('button', { name: /^Pay with Visa •••• 4081/ }).click();
  await expect(page).toHaveURL(/\/checkout\/return\?reference=/);
  await expect(page.getByRole('heading', { name: 'Payment received — thank you!' })).toBeVisible();
  const number = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Order ', '');
  await page.goto('/account/orders');
  await expect(page.getByTestId('order-list').getByRole('link', { name: new RegExp(number) })).toContainText('Paid');
});
