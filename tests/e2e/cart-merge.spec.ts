// Diagram 5 in a browser: a guest's cart joins the account's cart at sign-in, quantities summed, and the cart
// cookie is rotated.
import { expect, test, type Page } from './fixtures';
import { clearSignInLimitsForLocalhost, demoCustomer, signIn, signOut } from './auth-helpers';

const product = 'Adire Indigo Shirt';
const variant = { Size: 'L', Colour: 'Rust' };
const lineName = `${product}, ${variant.Size} / ${variant.Colour}`;

test.beforeAll(clearSignInLimitsForLocalhost);

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
