// A refund from start to finish in Chromium: a customer buys two necklaces through the Paystack simulator's hosted
// page; an admin finds the order in the console, refunds one necklace and puts it back in stock through the refund
// dialog (with its confirmation step), and sees the refund, the money ledger and the timeline change; the customer sees
// the refund on their order page and gets the refund email (sent by the app's own background jobs). A customer who
// opens the admin order page gets a 403. Both are the setup project's accounts (fresh each run, already signed in),
// so the shared inbox and the demo accounts' carts cannot confuse runs.
import { type Browser, expect, type Page, test } from './fixtures';
import { stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';
import { mailTo } from '../support/inbox';
import { accountOf, type SignedInRole, storageStateOf } from './auth-helpers';

const simulatorUrl = stackEnv(profiles.test).PAYSTACK_BASE_URL!;

// 2 × Beaded Statement Necklace, Coral (₦16,500) + standard delivery (₦2,500).
const total = '₦35,500.00';
const lineLabel = 'Beaded Statement Necklace – Coral';

async function newSignedInPage(browser: Browser, role: SignedInRole): Promise<Page> {
  return (await browser.newContext({ storageState: storageStateOf(role) })).newPage();
}

async function buyTwoNecklaces(page: Page): Promise<{ orderId: string; number: string }> {
  await page.goto('/products/beaded-statement-necklace');
  // Coral is the first colour, chosen when the page opens.
  await expect(page.getByRole('group', { name: /^Colour/ }).getByRole('radio', { name: 'Coral' })).toBeChecked();
  await page.getByLabel('Quantity').fill('2');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByTestId('add-to-cart-message')).toContainText('Added to your cart.');
  await page.goto('/cart');
  await page.getByRole('link', { name: 'Checkout' }).click();
  await page.getByLabel('Full name').fill('Refund Rita');
  await page.getByLabel('Phone number').fill('0803 123 4567');
  await page.getByLabel('Address', { exact: true }).fill('12 Awolowo Road');
  await page.getByLabel('City').fill('Ikoyi');
  await page.getByLabel('State').selectOption('Lagos');
  await expect(page.getByTestId('summary-total')).toHaveText(total);
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

test('an admin refunds part of a paid order with restock; the ledger, timeline, customer page and inbox all show it', async ({ browser }) => {
  test.setTimeout(150_000);
  const customer = accountOf('customer');
  const shopper = await newSignedInPage(browser, 'customer');
  const { orderId, number } = await buyTwoNecklaces(shopper);

  // The admin finds the order from the console's list, by the customer's email.
  const admin = await newSignedInPage(browser, 'admin');
  await admin.goto('/admin');
  await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Orders' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
  await admin.getByLabel('Order number, name, phone, email or payment reference').fill(customer.email);
  await admin.getByRole('button', { name: 'Find orders' }).click();
  await expect(admin).toHaveURL(/\/admin\/orders\?q=/);
  await admin.getByTestId('admin-order-list').getByRole('link', { name: number }).click();

  await expect(admin.getByRole('heading', { level: 1, name: `Order ${number}` })).toBeVisible();
  await expect(admin.getByTestId('order-status')).toHaveText('Paid');
  await expect(admin.getByTestId('no-refunds')).toBeVisible();
  await expect(admin.getByTestId('ledger-net')).toHaveText(total);
  await expect(admin.getByTestId('order-timeline')).toContainText('Order paid');
  await expect(admin.getByTestId('order-timeline')).toContainText('2 × BDS-NCK');

  // The dialog: prefilled with everything that remains; the client stops an amount over it before asking the server.
  await admin.getByRole('button', { name: 'Refund…' }).click();
  const dialog = admin.getByRole('dialog', { name: `Refund order ${number}` });
  await expect(dialog.getByLabel('Amount (₦)')).toHaveValue('35500.00');
  await dialog.getByLabel('Amount (₦)').fill('40000');
  await dialog.getByRole('button', { name: 'Review refund' }).click();
  await expect(dialog.getByText(`Only ${total} can still be refunded`)).toBeVisible();
  await expect(dialog.getByText('Give a reason for the refund')).toBeVisible();

  await dialog.getByLabel('Amount (₦)').fill('16,500');
  await dialog.getByLabel('Reason').fill('One necklace returned unworn');
  await dialog.getByLabel(new RegExp(lineLabel)).fill('1');
  await dialog.getByRole('button', { name: 'Review refund' }).click();
  const confirmation = dialog.getByTestId('refund-confirmation');
  await expect(confirmation).toContainText(`Refund ₦16,500.00 of ${total} to ${customer.email}.`);
  await expect(confirmation).toContainText(`Restock 1 × ${lineLabel}.`);
  await expect(confirmation).toContainText('₦19,000.00 will remain refundable.');
  await dialog.getByRole('button', { name: 'Refund ₦16,500.00' }).dblclick();
  await expect(dialog.getByTestId('refund-result')).toContainText('Paystack accepted the refund of ₦16,500.00');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  // The page behind the dialog re-rendered: one refund (the double click made one), the money and the history moved.
  await expect(admin.getByTestId('order-refunds').getByRole('listitem')).toHaveCount(1);
  await expect(admin.getByTestId('order-refunds')).toContainText('₦16,500.00');
  await expect(admin.getByTestId('order-refunds')).toContainText('One necklace returned unworn');
  await expect(admin.getByTestId('order-status')).toHaveText('Partly refunded');
  await expect(admin.getByTestId('ledger-net')).toHaveText('₦19,000.00');
  const timeline = admin.getByTestId('order-timeline');
  await expect(timeline).toContainText('Refund of ₦16,500.00 requested');
  await expect(timeline).toContainText('Reason: One necklace returned unworn');
  await expect(timeline).toContainText('Refund of ₦16,500.00 accepted by Paystack');
  await expect(timeline).toContainText(/1 × BDS-NCK-\S+ \(Beaded Statement Necklace – Coral\) back in stock/);
  await expect(timeline).toContainText(`${accountOf('admin').name} (admin)`);
  // The simulator settles the refund a moment later and tells the app by webhook.
  await expect(async () => {
    await admin.reload();
    await expect(admin.getByTestId('order-refunds').getByTestId('refund-status')).toHaveText('Refunded', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(admin.getByTestId('ledger-refunded')).toHaveText('−₦16,500.00');

  // The customer's own order page shows the refund, in words.
  await shopper.goto(`/account/orders/${orderId}`);
  const refundsOnOrder = shopper.getByTestId('order-refunds');
  await expect(refundsOnOrder).toContainText('₦16,500.00');
  await expect(refundsOnOrder).toContainText(/Refunded|On its way/);

  // The refund email, sent by the app's background jobs once Paystack accepted the refund.
  const [mail] = await mailTo(customer.email, 1, (message) => message.subject.startsWith(`Refund of ₦16,500.00 on order ${number}`), 60_000);
  expect(mail!.text).toContain('₦16,500.00');
  expect(mail!.text).toContain('One necklace returned unworn');

  // The customer cannot open the admin page for their own order.
  const response = await shopper.goto(`/admin/orders/${orderId}`);
  expect(response?.status()).toBe(403);
  await expect(shopper.getByRole('heading', { name: 'You don’t have access to that page' })).toBeVisible();
  await expect(shopper.getByText('Refund…')).toHaveCount(0);
});
