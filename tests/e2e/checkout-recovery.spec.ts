// The recovery email's two links in a browser: a checkout of seeded products runs out unpaid (placed and expired
// through the real use cases), its recovery email arrives in the mail catcher, and a guest opens the restore link —
// the page only shows the items until the button is pressed, then the cart holds them; the same link then says it
// was used, and a tampered one that it does not work. The unsubscribe link asks, then confirms.
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import { asc, eq } from 'drizzle-orm';
import { createDatabase } from '../../db/client';
import { products, productVariants } from '../../db/schema';
import { smtpMailer } from '../../lib/email/mailer';
import { EmailDeliveryInProgressError } from '../../lib/email/send-email';
import { sendRecoveryEmail } from '../../lib/recovery/send-recovery-email';
import { stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';
import { type CaughtMail, mailTo } from '../support/inbox';
import { expireOrder, placeOrderFor } from '../support/recovery-fixtures';

const env = stackEnv(profiles.test);
const { db, sql } = createDatabase(env.DATABASE_URL!, { max: 2 });
const mailer = smtpMailer({ host: '127.0.0.1', port: profiles.test.ports.smtp, secure: false, from: 'Paystack Commerce <shop@example.test>' });
test.afterAll(async () => {
  mailer.close();
  await sql.end();
});

function linkIn(mail: CaughtMail, path: string): string {
  const found = mail.text.split(/[\s[\]()<>"]+/).find((word) => word.startsWith(`${env.NEXTAUTH_URL}${path}`));
  if (!found) throw new Error(`no ${path} link in "${mail.subject}"`);
  return found;
}

/** An abandoned checkout of 2 × Woven Raffia Basket (Small, ₦9,800) and 1 × Medium (₦12,500), and its recovery email. */
async function abandonedCheckout(email: string): Promise<CaughtMail> {
  const [small, medium] = await db
    .select({ id: productVariants.id })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(eq(products.slug, 'woven-raffia-basket'))
    .orderBy(asc(productVariants.position));
  const order = await placeOrderFor(db, email, [
    { variantId: small!.id, quantity: 2 },
    { variantId: medium!.id, quantity: 1 },
  ]);
  expect(await expireOrder(db, order.id)).toBe('expired');
  // The app's own job may be sending it at this very moment; either way exactly one email goes out.
  await sendRecoveryEmail({ db, mailer, siteUrl: env.NEXTAUTH_URL!, orderAccessSecret: env.NEXTAUTH_SECRET! }, order.id).catch((error: unknown) => {
    if (!(error instanceof EmailDeliveryInProgressError)) throw error;
  });
  const [mail] = await mailTo(email, 1, (candidate) => candidate.subject.startsWith('You left something in your cart'));
  return mail!;
}

test('the restore link refills the cart once; the unsubscribe link stops reminders', async ({ page }) => {
  test.setTimeout(60_000);
  const email = `recover-${randomUUID().slice(0, 8)}@example.test`;
  const mail = await abandonedCheckout(email);
  const restore = linkIn(mail, '/cart/restore?token=');

  await page.goto(restore);
  await expect(page.getByRole('heading', { name: 'Pick up where you left off' })).toBeVisible();
  const lines = page.getByTestId('restore-lines').getByRole('listitem');
  await expect(lines).toHaveCount(2);
  await expect(lines.filter({ hasText: 'Small' })).toContainText('× 2');
  await expect(lines.filter({ hasText: 'Medium' })).toContainText('× 1');
  await page.getByRole('button', { name: 'Put these items back in my cart' }).click();

  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByTestId('cart-line')).toHaveCount(2);
  await expect(page.getByTestId('cart-subtotal')).toHaveText('₦32,100.00');

  await page.goto(restore);
  await expect(page.getByRole('heading', { name: 'This link was already used' })).toBeVisible();
  const tampered = new URL(restore);
  // Change the MAC's first character (its last one carries bits the decoder drops).
  const [orderPart, expiryPart, macPart = ''] = tampered.searchParams.get('token')!.split('.');
  tampered.searchParams.set('token', `${orderPart}.${expiryPart}.${macPart[0] === 'x' ? 'y' : 'x'}${macPart.slice(1)}`);
  await page.goto(tampered.toString());
  await expect(page.getByRole('heading', { name: 'This link does not work' })).toBeVisible();

  await page.goto(linkIn(mail, '/unsubscribe?token='));
  await expect(page.getByRole('heading', { name: 'Unsubscribe from reminders' })).toBeVisible();
  await expect(page.getByText(`Stop reminder emails to ${email}?`)).toBeVisible();
  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(page.getByTestId('unsubscribed')).toContainText(`We will not send reminder emails to ${email} again.`);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'You are unsubscribed' })).toBeVisible();
});
