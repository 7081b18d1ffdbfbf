// Issue 5 in a browser: a guest takes a cart through checkout (a validation error shown and fixed), Paystack's hosted
// page (the simulator: decline, then cancel), the return page's "failed" state and its retry for the SAME order,
// then pays and sees the order paid. A second test holds Paystack's verify down so the page must poll until the
// webhook lands.
import { expect, test, type Page } from './fixtures';
import { stackEnv } from '../../scripts/stack/env';
import { accountOf, storageStateOf } from './auth-helpers';
import { profiles } from '../../scripts/stack/profiles';

const product = { name: 'Aso-oke Cushion Cover', slug: 'aso-oke-cushion-cover', option: 'Colour', value: 'Teal', price: 12_500 };
const simulatorUrl = stackEnv(profiles.test).PAYSTACK_BASE_URL!;
const naira = (amount: number) => `₦${amount.toLocaleString('en-NG')}.00`;

async function addToCart(page: Page, quantity: number) {
  await page.goto(`/products/${product.slug}`);
  await expect(page.getByRole('heading', { level: 1, name: product.name })).toBeVisible();
  await page
    .getByRole('group', { name: new RegExp(`^${product.option}`) })
    .getByText(product.value, { exact: true })
    .click();
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByTestId('add-to-cart-message')).toContainText('Added to your cart.');
}

async function fillAddress(page: Page, phone: string) {
  await page.getByLabel('Email').fill('guest.buyer@example.test');
  await page.getByLabel('Full name').fill('Bisi Guest');
  await page.getByLabel('Phone number').fill(phone);
  await page.getByLabel('Address', { exact: true }).fill('7 Awolowo Road');
  await page.getByLabel('City').fill('Ikoyi');
  await page.getByLabel('State').selectOption('Lagos');
}

/** Paystack's control API, only to hold back one transaction's verify and webhook (the browser does the paying). */
async function setKnobs(reference: string, knobs: Record<string, unknown>) {
  const response = await fetch(`${simulatorUrl}/__simulator/transactions/${encodeURIComponent(reference)}/knobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(knobs),
  });
  expect(response.status).toBe(200);
}

test('guest checkout: fix a field, decline, retry the same order, pay, see it paid', async ({ page }) => {
  test.setTimeout(90_000);
  await addToCart(page, 2);
  await page.goto('/cart');
  await page.getByRole('link', { name: 'Checkout' }).click();
  await expect(page.getByRole('heading', { name: 'Checkout' })).toBeVisible();

  // Totals come from the server; the delivery fee follows the chosen option.
  const subtotal = 2 * product.price;
  await expect(page.getByTestId('summary-subtotal')).toHaveText(naira(subtotal));
  // Express goes only where the shop settings offer it (Lagos, in the demo shop): the cards follow the state.
  await page.getByLabel('State').selectOption('Lagos');
  await page.getByText('Express delivery').click();
  await expect(page.getByTestId('summary-total')).toHaveText(naira(subtotal + 5_000));

  // A wrong phone number is refused next to its field, with what was typed kept.
  await fillAddress(page, '12345');
  await page.getByRole('button', { name: /^Pay .* with Paystack$/ }).click();
  const phone = page.getByLabel('Phone number');
  await expect(page.getByText('Enter a Nigerian phone number, e.g. 0803 123 4567')).toBeVisible();
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Full name')).toHaveValue('Bisi Guest');
  await expect(page.getByLabel('State')).toHaveValue('Lagos');
  await expect(page.getByTestId('summary-total')).toHaveText(naira(subtotal + 5_000));

  await phone.fill('0803 123 4567');
  await page.getByRole('button', { name: /^Pay .* with Paystack$/ }).click();

  // Paystack's hosted page, for the server's total.
  await expect(page).toHaveURL(new RegExp(`^${simulatorUrl}/checkout/`));
  await expect(page.getByTestId('amount')).toHaveText(naira(subtotal + 5_000));
  const firstReference = (await page.getByTestId('reference').textContent())!;

  await page.getByRole('button', { name: 'Decline card' }).click();
  await expect(page.getByRole('alert')).toContainText('Your card was declined');
  await page.getByRole('button', { name: 'Cancel payment' }).click();

  // Back at the shop: the order's real state, with a way to try again.
  await expect(page).toHaveURL(/\/checkout\/return\?/);
  await expect(page.getByRole('heading', { name: 'Payment was not completed' })).toBeVisible();
  const orderHeading = await page.getByRole('heading', { level: 1, name: /^Order SO-\d+$/ }).textContent();
  await page.getByRole('button', { name: 'Try again' }).click();

  await expect(page).toHaveURL(new RegExp(`^${simulatorUrl}/checkout/`));
  const secondReference = (await page.getByTestId('reference').textContent())!;
  expect(secondReference).not.toBe(firstReference);
  await expect(page.getByTestId('amount')).toHaveText(naira(subtotal + 5_000));
  await page.getByRole('button', { name: /^Pay / }).click();

  await expect(page).toHaveURL(/\/checkout\/return\?/);
  await expect(page.getByRole('heading', { name: 'Payment received — thank you!' })).toBeVisible();
  // The same order as before the retry, paid, with its lines and total.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(orderHeading!);
  await expect(page.getByTestId('order-total')).toHaveText(naira(subtotal + 5_000));
  await expect(page.getByTestId('order-items')).toContainText(product.name);
  await expect(page.getByTestId('cart-count')).toHaveText('0');

  // The private link shows the guest the same order later; without its token it does not exist.
  const link = (await page.getByTestId('order-link').getAttribute('href'))!;
  await page.goto(link);
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  const bare = new URL(link);
  bare.search = '';
  await page.context().clearCookies({ name: 'order_access' });
  const missing = await page.goto(bare.toString());
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});

test('return page polls while Paystack cannot be asked, until the webhook marks the order paid', async ({ page }) => {
  test.setTimeout(90_000);
  await addToCart(page, 1);
  await page.goto('/checkout');
  await fillAddress(page, '08051234567');
  await page.getByRole('button', { name: /^Pay .* with Paystack$/ }).click();
  await expect(page).toHaveURL(new RegExp(`^${simulatorUrl}/checkout/`));
  const reference = (await page.getByTestId('reference').textContent())!;

  // Verify fails for this transaction and its webhook arrives a few seconds after the shopper is back.
  await setKnobs(reference, { webhookDelayMs: 4_000, faults: { verify: { mode: 'error', status: 503 } } });
  await page.getByRole('button', { name: /^Pay / }).click();

  await expect(page).toHaveURL(/\/checkout\/return\?/);
  await expect(page.getByRole('heading', { name: 'Confirming your payment…' })).toBeVisible();
  await expect(page.getByTestId('payment-processing')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Payment received — thank you!' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('cart-count')).toHaveText('0');
});

test('a signed-in customer checks out with their email prefilled and finds the paid order in their account', async ({ browser }) => {
  test.setTimeout(90_000);
  const customer = accountOf('customer');
  const page = await (await browser.newContext({ storageState: storageStateOf('customer') })).newPage();
  await addToCart(page, 1);
  await page.goto('/checkout');
  await expect(page.getByLabel('Email')).toHaveValue(customer.email);
  await page.getByLabel('Full name').fill('Chidi Customer');
  await page.getByLabel('Phone number').fill('0905 555 0101');
  await page.getByLabel('Address', { exact: true }).fill('21 Allen Avenue');
  await page.getByLabel('City').fill('Ikeja');
  await page.getByLabel('State').selectOption('Lagos');
  await page.getByText('Pick up in Yaba, Lagos').click();
  await expect(page.getByTestId('summary-delivery')).toHaveText('Free');
  await page.getByRole('button', { name: /^Pay .* with Paystack$/ }).click();

  await expect(page).toHaveURL(new RegExp(`^${simulatorUrl}/checkout/`));
  await expect(page.getByTestId('email')).toHaveText(customer.email);
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByRole('heading', { name: 'Payment received — thank you!' })).toBeVisible();
  const number = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Order ', '');
  await expect(page.getByTestId('order-link')).toHaveCount(0); // account orders need no private link
  await expect(page.getByTestId('cart-count')).toHaveText('0');

  await page.getByRole('link', { name: 'View in your account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Order ${number}` })).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await expect(page.getByTestId('order-total')).toHaveText(naira(product.price));

  await page.getByRole('link', { name: '← All orders' }).click();
  const row = page.getByTestId('order-list').getByRole('link', { name: new RegExp(number) });
  await expect(row).toContainText('Paid');
  await expect(row).toContainText(naira(product.price));
});
