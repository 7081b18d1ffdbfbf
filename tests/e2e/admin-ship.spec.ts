// A shipment from start to finish in Chromium: a customer buys two pairs of canvas slip-ons through the Paystack
// simulator's hosted page; an admin finds the order under "To ship", ships one pair then the other from the order
// page's ship dialog (carrier, tracking number, tracking link), sees the shipments, the packing slip link and the
// timeline; the customer sees the tracking link on their order page and gets the shipping email (sent by the app's
// own background jobs). Both are the setup project's accounts (fresh each run, already signed in).
import { type Browser, expect, type Page, test } from './fixtures';
import { stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';
import { mailTo } from '../support/inbox';
import { accountOf, type SignedInRole, storageStateOf } from './auth-helpers';

const simulatorUrl = stackEnv(profiles.test).PAYSTACK_BASE_URL!;

async function newSignedInPage(browser: Browser, role: SignedInRole): Promise<Page> {
  return (await browser.newContext({ storageState: storageStateOf(role) })).newPage();
}

async function buyTwoPairs(page: Page): Promise<{ orderId: string; number: string }> {
  await page.goto('/products/canvas-slip-ons');
  await page.getByLabel('Quantity').fill('2');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByTestId('add-to-cart-message')).toContainText('Added to your cart.');
  await page.goto('/cart');
  await page.getByRole('link', { name: 'Checkout' }).click();
  await page.getByLabel('Full name').fill('Shipping Sade');
  await page.getByLabel('Phone number').fill('0803 123 4567');
  await page.getByLabel('Address', { exact: true }).fill('7 Broad Street');
  await page.getByLabel('City').fill('Lagos Island');
  await page.getByLabel('State').selectOption('Lagos');
  await page.getByRole('button', { name: /^Pay .* with Paystack$/ }).click();
  await expect(page).toHaveURL(new RegExp(`^${simulatorUrl}/checkout/`));
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByRole('heading', { name: 'Payment received — thank you!' })).toBeVisible();
  const number = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Order ', '');
  await page.goto('/account/orders');
  const href = await page
    .getByTestId('order-list')
    .getByRole('link', { name: new RegExp(number) })
    .getAttribute('href');
  const orderId = /\/account\/orders\/([0-9a-f-]{36})$/.exec(href ?? '')?.[1];
  expect(orderId).toBeDefined();
  return { orderId: orderId!, number };
}

test('an admin ships a paid order in two parcels; the customer sees the tracking link on their order page and by email', async ({ browser }) => {
  test.setTimeout(150_000);
  const customer = accountOf('customer');
  const shopper = await newSignedInPage(browser, 'customer');
  const { orderId, number } = await buyTwoPairs(shopper);

  const admin = await newSignedInPage(browser, 'admin');
  await admin.goto(`/admin/orders?ship=to_ship&q=${encodeURIComponent(customer.email)}`);
  await expect(admin.getByLabel('Shipping')).toHaveValue('to_ship');
  await admin.getByTestId('admin-order-list').getByRole('link', { name: number }).click();
  await expect(admin.getByRole('heading', { level: 1, name: `Order ${number}` })).toBeVisible();
  await expect(admin.getByTestId('no-shipments')).toBeVisible();

  // First parcel: one pair. The dialog is prefilled with everything left to ship; the client stops too many.
  await admin.getByRole('button', { name: 'Ship…' }).click();
  const dialog = admin.getByRole('dialog', { name: `Ship order ${number}` });
  const quantity = dialog.getByRole('spinbutton');
  await expect(quantity).toHaveValue('2');
  await quantity.fill('3');
  await dialog.getByLabel('Carrier').fill('GIG Logistics');
  await dialog.getByLabel('Tracking number').fill('GIG-E2E-0001');
  await dialog.getByLabel('Tracking link (optional)').fill('javascript:alert(1)');
  await dialog.getByRole('button', { name: 'Mark as shipped' }).click();
  await expect(dialog).toContainText('at most 2 can ship');
  await expect(dialog).toContainText('Enter a web address starting with https://');
  await quantity.fill('1');
  await dialog.getByLabel('Tracking link (optional)').fill('https://track.example.test/GIG-E2E-0001');
  await dialog.getByRole('button', { name: 'Mark as shipped' }).click();
  await expect(dialog.getByTestId('ship-result')).toContainText('Shipment 1 recorded');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(admin.getByTestId('order-status')).toHaveText('Partly shipped');
  await expect(admin.getByTestId('order-shipments')).toContainText('Shipment 1 · GIG Logistics');
  await expect(admin.getByTestId('order-shipments').getByRole('link', { name: 'Packing slip (PDF)' })).toHaveAttribute(
    'href',
    new RegExp(`/api/admin/orders/${orderId}/fulfillments/[0-9a-f-]{36}/packing-slip$`),
  );
  await expect(admin.getByTestId('order-timeline')).toContainText('Shipment 1 handed to GIG Logistics');

  // Second parcel: the rest, without a tracking link.
  await admin.getByRole('button', { name: 'Ship…' }).click();
  await expect(quantity).toHaveValue('1');
  await dialog.getByLabel('Carrier').fill('DHL');
  await dialog.getByLabel('Tracking number').fill('DHL-E2E-0002');
  await dialog.getByRole('button', { name: 'Mark as shipped' }).click();
  await expect(dialog.getByTestId('ship-result')).toContainText('Shipment 2 recorded');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(admin.getByTestId('order-status')).toHaveText('Shipped');
  await expect(admin.getByRole('button', { name: 'Ship…' })).toBeDisabled();
  await expect(admin.getByTestId('not-shippable')).toHaveText('Everything has shipped.');

  // The customer's order page: both parcels, the first with its tracking link.
  await shopper.goto(`/account/orders/${orderId}`);
  const shipments = shopper.getByTestId('order-shipments');
  await expect(shipments).toContainText('shipped with GIG Logistics');
  await expect(shipments).toContainText('DHL-E2E-0002');
  await expect(shipments.getByRole('link', { name: 'Track your parcel' })).toHaveAttribute('href', 'https://track.example.test/GIG-E2E-0001');

  // And the shipping emails, through the app's own job runner.
  const mails = await mailTo(customer.email, 2, (mail) => mail.subject.includes(`Order ${number} has shipped`), 30_000);
  expect(mails.some((mail) => mail.html.includes('href="https://track.example.test/GIG-E2E-0001"'))).toBe(true);
});
