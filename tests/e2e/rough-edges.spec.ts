// Issue 24's rough edges, tried as a new shopper would (a phone at 390 × 844 and a desktop): Add to cart keeps the
// shopper's place and focus and names a quantity it cannot add; the card's old price and the category bar fit a phone;
// checkout's errors go as their fields are fixed and are read once; a product without options is never called
// "Default"; the return page offers a Copy link button for the guest's private link; the order page speaks of the
// confirmation email as it stands; and the plain-text email's invoice link opens the invoice.
import { randomUUID } from 'node:crypto';
import { type Page, expect, test } from './fixtures';
import { stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';
import { mailTo } from '../support/inbox';

const simulatorUrl = stackEnv(profiles.test).PAYSTACK_BASE_URL!;
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function cartQuantities(page: Page): Promise<number[]> {
  const reply = await page.request.get('/api/cart');
  const cart = (await reply.json()) as { lines: Array<{ quantity: number }> };
  return cart.lines.map((line) => line.quantity);
}

test("Add to cart tapped before the page's scripts have run still adds the item and opens the cart", async ({ page }) => {
  // A slow phone tapping a cached page as it paints: the page's script bundles have not arrived, so nothing is
  // hydrated (here they never arrive on the product page). The tap must not be lost.
  const bundles = '**/_next/static/**/*.js';
  await page.route(bundles, (route) => route.abort());
  await page.goto('/products/adire-indigo-shirt');
  await page.getByLabel('Quantity').fill('2');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await page.unroute(bundles);
  await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible();
  expect(await cartQuantities(page)).toEqual([2]);

  // Nothing added, and the cart page says why: the server refuses the quantity as the hydrated page would.
  await page.route(bundles, (route) => route.abort());
  await page.goto('/products/adire-indigo-shirt');
  await page.getByLabel('Quantity').fill('0');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page).toHaveURL(/\/cart\?problem=invalid_input$/);
  await page.unroute(bundles);
  await expect(page.getByRole('alert').filter({ hasText: 'could not be added' })).toBeVisible();
  expect(await cartQuantities(page)).toEqual([2]);
});

test.describe('on a phone', () => {
  test.use(phone);

  test('Add to cart keeps the place and the focus, shows its message on screen, and refuses 0 or a negative quantity', async ({ page }) => {
    await page.goto('/products/adire-indigo-shirt');
    const button = page.getByTestId('add-to-cart');
    const message = page.getByTestId('add-to-cart-message');
    // The button at the very bottom of the screen, so its message starts below it.
    await button.evaluate((element) => window.scrollTo(0, element.getBoundingClientRect().bottom + window.scrollY - window.innerHeight + 4));
    const before = await page.evaluate(() => window.scrollY);
    expect(before).toBeGreaterThan(0);

    await button.focus();
    await page.keyboard.press('Enter');
    await expect(message).toHaveText(/^Added to your cart\./);
    await expect(button).toBeFocused();
    await expect(message).toBeInViewport();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThanOrEqual(before);
    await page.screenshot({ path: test.info().outputPath('added-on-a-phone.png') });

    const quantity = page.getByLabel('Quantity');
    for (const typed of ['0', '-3']) {
      await quantity.fill(typed);
      await button.click();
      await expect(message).toHaveText('Enter a quantity of 1 or more.');
      await expect(quantity).toHaveAttribute('aria-invalid', 'true');
      await expect(quantity).toBeFocused();
    }
    await quantity.fill('2');
    await expect(quantity).not.toHaveAttribute('aria-invalid');
    expect(await cartQuantities(page)).toEqual([1]);
  });

  test('a card keeps its struck-through old price inside it, and the category bar shows that it scrolls', async ({ page }) => {
    await page.goto('/products');
    const oldPrice = page.getByTestId('card-compare-at').first();
    await oldPrice.scrollIntoViewIfNeeded();
    const card = page.getByTestId('product-card').filter({ has: oldPrice });
    const [priceBox, cardBox] = [await oldPrice.boundingBox(), await card.boundingBox()];
    expect(priceBox!.x + priceBox!.width).toBeLessThanOrEqual(cardBox!.x + cardBox!.width);
    await card.screenshot({ path: test.info().outputPath('card-with-old-price.png') });

    await page.evaluate(() => window.scrollTo(0, 0));
    const more = page.getByTestId('category-nav-more');
    await expect(more).toHaveAttribute('data-visible', 'true');
    await page.screenshot({ path: test.info().outputPath('category-bar.png') });
    await page.getByRole('navigation', { name: 'Categories' }).evaluate((nav) => nav.scrollTo({ left: nav.scrollWidth }));
    await expect(more).toHaveAttribute('data-visible', 'false');
    await expect(page.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: 'Accessories' })).toBeInViewport();
  });
});

test('checkout errors are read once, say one thing per field and go once the field is fixed', async ({ page }) => {
  await page.goto('/products/brass-cuff-bracelet');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByTestId('add-to-cart-message')).toContainText('Added to your cart.');
  await page.goto('/checkout');
  await page.getByRole('button', { name: /^Pay (.+ )?with Paystack$/ }).click();

  const name = page.getByLabel('Full name');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#checkout-fullName-error li')).toHaveText(['Full name is required']);
  // One live region carries the form's message; it is not also an alert of its own.
  const regions = page.locator('[aria-live], [role="alert"], [role="status"]').filter({ hasText: 'Please correct the highlighted fields.' });
  await expect(regions).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('checkout-errors.png'), fullPage: true });

  await name.fill('Bisi Guest');
  await expect(name).not.toHaveAttribute('aria-invalid');
  await expect(page.locator('#checkout-fullName-error')).toHaveCount(0);
  // The other fields still say what is wrong with them until they change.
  await expect(page.getByLabel('Phone number')).toHaveAttribute('aria-invalid', 'true');
});

test('a guest buys a product without options: no "Default" anywhere, a Copy link button, honest email wording, an invoice link that opens', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const email = `edges-${randomUUID().slice(0, 8)}@example.test`;

  await page.goto('/products/brass-cuff-bracelet');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByTestId('add-to-cart-message')).toContainText('Added to your cart.');
  await page.goto('/cart');
  await expect(page.getByTestId('cart-line')).toContainText('Brass Cuff Bracelet');
  await expect(page.getByRole('main')).not.toContainText('Default');

  await page.getByRole('link', { name: 'Checkout' }).click();
  await expect(page.getByRole('main')).not.toContainText('Default');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Full name').fill('Tunde Guest');
  await page.getByLabel('Phone number').fill('0803 123 4567');
  await page.getByLabel('Address', { exact: true }).fill('5 Awolowo Road');
  await page.getByLabel('City').fill('Ikoyi');
  await page.getByLabel('State').selectOption('Lagos');
  await page.getByRole('button', { name: /^Pay .* with Paystack$/ }).click();
  await expect(page).toHaveURL(new RegExp(`^${simulatorUrl}/checkout/`));
  await page.getByRole('button', { name: /^Pay / }).click();

  await expect(page.getByRole('heading', { name: 'Payment received — thank you!' })).toBeVisible();
  await expect(page.getByTestId('order-confirmed')).toContainText(/A confirmation email is on its way to|We have emailed the confirmation to/);
  await expect(page.getByTestId('order-items')).toContainText('Brass Cuff Bracelet');
  await expect(page.getByRole('main')).not.toContainText('Default');
  // The private link is a short link and a button, not its 150 characters.
  const link = page.getByTestId('order-link');
  await expect(link).toHaveText('Open your order link');
  const href = (await link.getAttribute('href'))!;
  expect(href).toMatch(/\/orders\/[0-9a-f-]{36}\?token=/);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByTestId('order-link-panel')).toContainText('Link copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(href);
  await page.screenshot({ path: test.info().outputPath('return-page.png'), fullPage: true });

  const number = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Order ', '');
  const [confirmation] = await mailTo(email, 1, (mail) => mail.subject.startsWith(`Order ${number} confirmed`), 60_000);
  expect(confirmation!.text).not.toContain('Default');
  const invoiceUrl = /https?:\/\/\S+\/invoice\?token=\S+/.exec(confirmation!.text)?.[0];
  expect(invoiceUrl, 'the invoice link in the plain-text email').toBeDefined();
  expect(invoiceUrl).not.toMatch(/[.,;:!?]$/);
  const invoice = await page.request.get(invoiceUrl!);
  expect(invoice.status()).toBe(200);
  expect(invoice.headers()['content-type']).toContain('application/pdf');

  // Once the email has gone, the order page says so instead of promising it.
  await page.goto(href);
  await expect(page.getByTestId('order-confirmed')).toContainText(`We have emailed the confirmation to ${email}.`);
  await expect(page.getByRole('main')).not.toContainText('Default');
});
