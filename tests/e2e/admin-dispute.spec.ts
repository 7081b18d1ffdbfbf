// A dispute answered from start to finish in Chromium: a customer buys through the Paystack simulator's hosted page; the
// customer's bank disputes the payment (the simulator opens the dispute and sends its signed charge.dispute.create to
// the app); an admin finds it in the disputes inbox, opens it from the dashboard card's list, sends evidence with a file
// from the dispute page (Paystack's evidence call and signed upload URL), declines it, and sees it won. The accounts
// are the setup project's (fresh each run, already signed in).
import { expect, type Page, test } from './fixtures';
import { stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';
import { storageStateOf } from './auth-helpers';

const simulatorUrl = stackEnv(profiles.test).PAYSTACK_BASE_URL!;

async function buyOne(page: Page): Promise<{ orderId: string; number: string }> {
  await page.goto('/products/beaded-statement-necklace');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByTestId('add-to-cart-message')).toContainText('Added to your cart.');
  await page.goto('/cart');
  await page.getByRole('link', { name: 'Checkout' }).click();
  await page.getByLabel('Full name').fill('Dispute Dayo');
  await page.getByLabel('Phone number').fill('0803 765 4321');
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

/** The payment reference of the order, from the charge.success the simulator signed (its metadata names the order). */
async function referenceOf(orderId: string): Promise<string> {
  const reply = (await (await fetch(`${simulatorUrl}/__simulator/webhooks?event=charge.success`)).json()) as {
    deliveries: Array<{ body: string; reference: string }>;
  };
  const found = reply.deliveries.find(
    (delivery) => (JSON.parse(delivery.body) as { data: { metadata?: { order_id?: string } } }).data.metadata?.order_id === orderId,
  );
  expect(found, `a charge.success for order ${orderId}`).toBeDefined();
  return found!.reference;
}

test('an admin answers a dispute with evidence from the dispute page, and wins it', async ({ browser }) => {
  test.setTimeout(150_000);
  const shopper = await (await browser.newContext({ storageState: storageStateOf('customer') })).newPage();
  const { orderId, number } = await buyOne(shopper);
  const reference = await referenceOf(orderId);

  const opened = await fetch(`${simulatorUrl}/__simulator/transactions/${encodeURIComponent(reference)}/dispute`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ category: 'chargeback', dueInHours: 20 }),
  });
  expect(opened.status).toBe(200);
  const gatewayId = ((await opened.json()) as { dispute: { id: number } }).dispute.id;

  const admin = await (await browser.newContext({ storageState: storageStateOf('admin') })).newPage();
  // The dashboard's card counts disputes due within 48 hours and opens them.
  await admin.goto('/admin');
  await admin.getByRole('link', { name: /Disputes due within 48 h/ }).click();
  await expect(admin).toHaveURL(/\/admin\/disputes\?due=48h/);
  await admin.getByLabel('Order number or reference').fill(number);
  await admin.getByLabel('Order number or reference').press('Enter');
  const row = admin.getByRole('row').filter({ hasText: number });
  await expect(row).toContainText('Awaiting your answer');
  await expect(row.getByTestId('time-left')).toContainText(/hours? left/);
  await row.getByRole('link', { name: `Dispute ${gatewayId}` }).click();

  await expect(admin.getByRole('heading', { name: `Dispute ${gatewayId}` })).toBeVisible();
  // No file uploaded yet: Paystack takes no answer without one, so the answer controls say so and are disabled.
  await expect(admin.getByTestId('answer-file-needed')).toContainText('A file is needed before you can answer');
  await expect(admin.getByRole('button', { name: 'Decline the dispute…' })).toBeDisabled();
  await expect(admin.getByRole('radio', { name: /Decline/ })).toBeDisabled();
  // Prefilled from the order; the admin adds what was delivered, when, and the signed delivery note.
  await expect(admin.getByLabel('Customer name')).toHaveValue('Dispute Dayo');
  await admin.getByLabel('Delivery date').fill('2026-12-01');
  await admin.getByLabel('What was sold and how it was delivered').fill(`Order ${number}: one beaded necklace, delivered by courier and signed for.`);
  await admin
    .getByLabel('File', { exact: true })
    .setInputFiles({ name: 'delivery-note.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 signed') });
  await admin.getByRole('button', { name: 'Send evidence to Paystack' }).click();
  await expect(admin.getByRole('status')).toHaveText('Evidence sent to Paystack.');
  await expect(admin.getByTestId('answer-file-needed')).toHaveCount(0);
  await expect(admin.getByRole('button', { name: 'Decline the dispute…' })).toBeEnabled();

  await admin.getByLabel('Message for Paystack and the bank').fill('Delivered and signed for; the delivery note is attached.');
  await admin.getByRole('button', { name: 'Decline the dispute…' }).click();
  await admin.getByRole('button', { name: 'Yes, decline' }).click();
  await expect(admin.getByTestId('dispute-status')).toHaveText('Won');
  await expect(admin.getByTestId('dispute-answer')).toContainText('Declined');

  const atPaystack = (await (await fetch(`${simulatorUrl}/__simulator/disputes/${gatewayId}`)).json()) as {
    dispute: { status: string; resolution: string; evidence: { service_details: string } };
    uploads: Array<{ received: { bytes: number } | null }>;
  };
  expect(atPaystack.dispute).toMatchObject({ status: 'resolved', resolution: 'declined' });
  expect(atPaystack.dispute.evidence.service_details).toContain(number);
  expect(atPaystack.uploads[0]?.received?.bytes).toBe(15);

  // The order's ledger lists the dispute, which cost nothing.
  await admin.goto(`/admin/orders/${orderId}`);
  await expect(admin.getByTestId('ledger-dispute')).toContainText('Won');
});
