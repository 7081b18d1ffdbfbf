// An admin replays a failed Paystack webhook from the console's inbox in Chromium. Before the UI steps the spec makes
// the failure for real: an order is placed and its payment started through the shop's own use cases, the shopper pays
// at the Paystack simulator (which keeps the webhook to itself), and the signed charge.success is applied through the
// webhook's use case with a crash injected after the stock commit — so the whole commit rolls back and the event is
// stored as failed, exactly as an outage mid-delivery leaves it. The admin finds the event in the inbox by its
// reference, sees the error and the masked body, replays it (applied once), and the order page shows it paid; a
// second replay is a visible no-op.
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import { eq } from 'drizzle-orm';
import { products, webhookEvents } from '../../db/schema';
import { maskEmail } from '../../lib/admin/mask-payload';
import { placeOrder } from '../../lib/checkout/place-order';
import { initializePayment } from '../../lib/payments/initialize-payment';
import { createPaystackClient } from '../../lib/payments/paystack/client';
import { receivePaystackWebhook } from '../../lib/webhooks/receive-paystack-webhook';
import { appUrl, stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';
import { createTestVariants, testAddress } from '../support/catalog-fixtures';
import { payAndCaptureWebhook } from '../support/checkout-fixtures';
import { testDatabase } from '../support/db';
import { simulator, uniqueReference } from '../support/paystack-sim';
import { accountOf, storageStateOf } from './auth-helpers';

const env = stackEnv(profiles.test);
// The simulator helpers read the test stack's Paystack URL and key from the environment, as the integration tests do.
process.env.PAYSTACK_BASE_URL ??= env.PAYSTACK_BASE_URL;
process.env.PAYSTACK_SECRET_KEY ??= env.PAYSTACK_SECRET_KEY;

const { db, sql } = testDatabase();
const productIds: string[] = [];
test.afterAll(async () => {
  // The spec's own product leaves the storefront, so other specs see the seeded catalogue only.
  for (const id of productIds) await db.update(products).set({ status: 'archived' }).where(eq(products.id, id));
  await sql.end();
});

async function failedChargeForUnpaidOrder() {
  const [variant] = await createTestVariants(db, [{ stock: 3 }]);
  productIds.push(variant!.productId);
  const email = `replay-${randomUUID().slice(0, 8)}@example.test`;
  const placed = await placeOrder(
    { db },
    { userId: null, email, shippingAddress: testAddress, deliveryOption: 'pickup', lines: [{ variantId: variant!.id, quantity: 1 }] },
  );
  if (!placed.ok) throw new Error(`order not placed: ${JSON.stringify(placed.error)}`);
  const reference = uniqueReference('replay');
  await simulator.setKnobs(reference, { dropWebhooks: true });
  const paystack = createPaystackClient({ baseUrl: env.PAYSTACK_BASE_URL!, secretKey: env.PAYSTACK_SECRET_KEY!, timeoutMs: 5_000 });
  const intent = await initializePayment(
    { db, paystack, callbackUrl: `${appUrl(profiles.test)}/checkout/return`, newReference: () => reference },
    placed.value.id,
  );
  if (!intent.ok) throw new Error(`payment not initialised: ${JSON.stringify(intent.error)}`);

  const { body } = await payAndCaptureWebhook(reference);
  const crashed = await receivePaystackWebhook(
    { db },
    { rawBody: body, headers: { 'content-type': 'application/json' } },
    {
      expectedDomain: 'test',
      afterStockCommitted: () => {
        throw new Error('database connection lost during the payment commit');
      },
    },
  );
  expect(crashed.kind).toBe('failed');
  const [event] = await db
    .select()
    .from(webhookEvents)
    .where(eq(webhookEvents.eventKey, `charge.success:${(JSON.parse(body) as { data: { id: number } }).data.id}`));
  expect(event?.status).toBe('failed');
  return { order: placed.value, reference, email, event: event! };
}

test.use({ storageState: storageStateOf('admin') });

test('an admin replays a failed webhook from the inbox; the order is paid once and a second replay changes nothing', async ({ page }) => {
  test.setTimeout(90_000);
  const { order, reference, email } = await failedChargeForUnpaidOrder();

  // The inbox, filtered to failed events, searched by the payment's reference.
  await page.goto('/admin');
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Webhooks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Webhook inbox' })).toBeVisible();
  const filters = page.getByRole('search', { name: 'Find webhook events' });
  await filters.getByLabel('Outcome').selectOption('failed');
  await expect(page).toHaveURL(/status=failed/);
  await filters.getByLabel('Key or payment reference').fill(reference);
  await filters.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${reference}`));
  const list = page.getByRole('table', { name: 'Webhook events' });
  await expect(list.getByRole('row')).toHaveCount(2);
  await expect(list).toContainText('database connection lost during the payment commit');
  await expect(list).toContainText('Signature verified');
  await list.getByRole('link', { name: /charge\.success/ }).click();

  // The event: its error, and its body with the shopper's email partly hidden.
  await expect(page.getByRole('heading', { level: 1, name: 'charge.success' })).toBeVisible();
  await expect(page.getByTestId('webhook-status')).toHaveText('Failed');
  await expect(page.getByTestId('webhook-outcome')).toContainText('Last error: database connection lost during the payment commit');
  const payload = page.getByTestId('webhook-payload');
  await expect(payload).toContainText(reference);
  await expect(payload).toContainText(maskEmail(email));
  await expect(payload).not.toContainText(email);
  await expect(payload).toContainText('"authorization_code": "[redacted]"');

  await page.getByRole('button', { name: 'Replay' }).click();
  await expect(page.getByTestId('replay-outcome')).toHaveText('charge.success: Applied now: paid.');
  await expect(page.getByTestId('webhook-status')).toHaveText('Processed');
  await expect(page.getByTestId('webhook-replays')).toContainText(`${accountOf('admin').name} · applied`);

  // The order is paid.
  await page.getByRole('link', { name: order.number }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Order ${order.number}` })).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await expect(page.getByTestId('order-payments')).toContainText('Paid');

  // Replaying it again is a visible no-op.
  await page.goBack();
  await expect(page.getByTestId('webhook-status')).toHaveText('Processed');
  await page.getByRole('button', { name: 'Replay' }).click();
  await expect(page.getByTestId('replay-outcome')).toHaveText('charge.success: Already applied — nothing changed.');
  await expect(page.getByTestId('webhook-replays')).toContainText('already applied — nothing changed');
  const [stored] = await db
    .select()
    .from(webhookEvents)
    .where(eq(webhookEvents.eventKey, (await page.getByTestId('webhook-key').textContent())!));
  expect(stored).toMatchObject({ status: 'processed', attempts: 2 });
});
