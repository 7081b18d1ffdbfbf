// Diagram 5 in a browser: a guest's cart joins the account's cart at sign-in, quantities summed, and the cart
// cookie is rotated.
import { randomUUID } from 'node:crypto';
import { addToCart } from '../../lib/cart/add-to-cart';
import { verifiedCustomer } from '../support/accounts';
import { createTestVariants } from '../support/catalog-fixtures';
import { testDatabase } from '../support/db';
import { expect, test, type Page } from './fixtures';
import { clearSignInLimitsForLocalhost, demoCustomer, signIn, signOut, submitSignIn, testRedis } from './auth-helpers';

const product = 'Adire Indigo Shirt';
const variant = { Size: 'L', Colour: 'Rust' };
const lineName = `${product}, ${variant.Size} / ${variant.Colour}`;

const { db, sql } = testDatabase();

test.beforeAll(clearSignInLimitsForLocalhost);
test.afterAll(() => sql.end());

/** Browse from the home page to the product, pick the variant, and add `quantity` of it. */
async function addFromProductPage(page: Page, quantity: number) {
  await page.goto('/');
  await page.getByRole('link', { name: product, exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: product })).toBeVisible();
  for (const [option, value] of Object.entries(variant)) {
    await page
      .getByRole('group', { name: new RegExp(`^${option}`) })
      .getByText(value, { exact: true })
      .click();
    await expect(page.getByRole('group', { name: new RegExp(`^${option}`) }).getByRole('radio', { name: value, exact: true })).toBeChecked();
  }
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByTestId('add-to-cart-message')).toContainText('Added to your cart.');
}

/** The quantity the cart page shows for the line, or 0 when there is no such line. */
async function cartQuantity(page: Page): Promise<number> {
  await page.goto('/cart');
  await expect(page.getByRole('heading', { name: 'Your cart' })).toBeVisible();
  const stepper = page.getByRole('group', { name: `Quantity of ${lineName}` });
  if ((await stepper.count()) === 0) return 0;
  return Number(await stepper.getByTestId('line-quantity').textContent());
}

async function removeLineIfPresent(page: Page) {
  if ((await cartQuantity(page)) === 0) return;
  await page.getByRole('button', { name: `Remove ${lineName} from cart` }).click();
  await expect(page.getByRole('group', { name: `Quantity of ${lineName}` })).toHaveCount(0);
}

test('a guest cart merges into the account cart at sign-in, with the quantities summed', async ({ page, context }) => {
  // Three sign-ins (bcrypt cost 12 each) and a dozen page loads: more than the default 30 s on a busy 2-core machine.
  test.setTimeout(60_000);
  // The account already holds 1 of the variant (starting from none, whatever earlier tests left).
  await signIn(page, demoCustomer);
  await removeLineIfPresent(page);
  await addFromProductPage(page, 1);
  expect(await cartQuantity(page)).toBe(1);
  await signOut(page);

  // As a guest: browse, choose the same variant, add 2.
  expect(await cartQuantity(page)).toBe(0);
  await addFromProductPage(page, 2);
  expect(await cartQuantity(page)).toBe(2);
  const guestCookie = (await context.cookies()).find((cookie) => cookie.name === 'cart_session');
  expect(guestCookie?.httpOnly).toBe(true);

  // Sign in from the header link, as a shopper would.
  await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Email').fill(demoCustomer.email);
  await page.getByLabel('Password').fill(demoCustomer.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible();

  expect(await cartQuantity(page)).toBe(3);
  const rotated = (await context.cookies()).find((cookie) => cookie.name === 'cart_session');
  expect(rotated?.value).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(rotated?.value).not.toBe(guestCookie?.value);

  // Reloading does not merge again.
  await page.reload();
  expect(await cartQuantity(page)).toBe(3);

  // Leave the demo account's cart as we found it.
  await removeLineIfPresent(page);
});

test('signing in from the cart comes back to the cart, and says once what the merge trimmed and why', async ({ page }) => {
  test.setTimeout(60_000);
  // Two in stock; the account's cart already holds both.
  const [variant] = await createTestVariants(db, [{ stock: 2 }]);
  const account = { email: `merge-${randomUUID().slice(0, 8)}@example.test`, name: 'Mere Merge', password: 'Lagos-Market-42' };
  const user = await verifiedCustomer(db, account);
  expect((await addToCart({ db, redis: testRedis() }, { kind: 'user', userId: user.id }, { variantId: variant!.id, quantity: 2 })).ok).toBe(true);

  // As a guest, one more of it (through the Store API, with this browser's cookies), then the cart page.
  expect((await page.request.post('/api/cart/items', { data: { variantId: variant!.id, quantity: 1 } })).ok()).toBe(true);
  await page.goto('/cart');
  await expect(page.getByTestId('cart-line')).toHaveCount(1);

  await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fcart$/);
  await submitSignIn(page, account.email, account.password);
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible();
  const told = page.getByTestId('merge-notices');
  await expect(told).toContainText('We added the items from before you signed in to the cart saved in your account.');
  await expect(told).toContainText('you had 3 across both carts, but only 2 are in stock, so your cart now has 2.');
  await expect(page.getByTestId('cart-line').getByTestId('line-quantity')).toHaveText('2');
  // The stepper's limit is named for what it is: stock, not a purchase limit.
  await expect(page.getByTestId('cart-line')).toContainText('Only 2 in stock');

  // Once: a reload says nothing more.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your cart' })).toBeVisible();
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(told).toHaveCount(0);
});
