// A shopper's account in a real browser: editing the profile (the header follows the new name), and a saved address
// that fills in the checkout, with a picker for another. Each test signs a fresh account in through the form, so an
// edit never touches the accounts other specs share.
import { randomUUID } from 'node:crypto';
import { verifiedCustomer } from '../support/accounts';
import { createTestVariants } from '../support/catalog-fixtures';
import { testDatabase } from '../support/db';
import { clearSignInLimitsForLocalhost, signIn } from './auth-helpers';
import { expect, type Page, test } from './fixtures';

const { db, sql } = testDatabase();

test.beforeAll(clearSignInLimitsForLocalhost);
test.afterAll(() => sql.end());

async function freshShopper(page: Page, label: string) {
  const account = { email: `${label}-${randomUUID().slice(0, 8)}@example.test`, name: 'Kemi Account', password: 'Lagos-Market-42' };
  await verifiedCustomer(db, account);
  await signIn(page, account);
  return account;
}

test('edit the name and phone: checked field by field, saved, and the header follows', async ({ page }) => {
  test.setTimeout(60_000);
  const account = await freshShopper(page, 'profile');
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(account.email);

  await page.getByLabel('Phone (optional)').fill('12345');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByText('Enter a Nigerian phone number, e.g. 0803 123 4567')).toBeVisible();
  await expect(page.getByLabel('Phone (optional)')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Name', { exact: true }).fill('Kemi Adebayo');
  await page.getByLabel('Phone (optional)').fill('0803 555 0101');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Your details are saved.');
  await expect(page.getByTestId('user-menu-name')).toHaveText('Kemi Adebayo');

  await page.reload();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Kemi Adebayo');
  await expect(page.getByLabel('Phone (optional)')).toHaveValue('08035550101');
  await expect(page.getByTestId('user-menu-name')).toHaveText('Kemi Adebayo');
});

async function fillAddress(page: Page, address: { label: string; fullName: string; phone: string; line1: string; city: string; state: string }) {
  await page.getByLabel('Label (optional)').fill(address.label);
  await page.getByLabel('Full name').fill(address.fullName);
  await page.getByLabel('Phone number').fill(address.phone);
  await page.getByLabel('Address', { exact: true }).fill(address.line1);
  await page.getByLabel('City').fill(address.city);
  await page.getByLabel('State').selectOption(address.state);
}

test('a saved default address fills in the checkout, and another can be picked there', async ({ page }) => {
  test.setTimeout(60_000);
  await freshShopper(page, 'addresses');
  await page.goto('/account/addresses');
  await expect(page.getByText('No saved addresses yet.')).toBeVisible();
  // With none saved yet, the form is already open.
  await fillAddress(page, { label: 'Home', fullName: 'Kemi Home', phone: '0803 123 4567', line1: '12 Admiralty Way', city: 'Lekki', state: 'Lagos' });
  await page.getByRole('button', { name: 'Save address' }).click();
  await expect(page.getByTestId('saved-address')).toHaveCount(1);
  await expect(page.getByTestId('saved-address').first()).toContainText('Default');

  await page.getByRole('button', { name: 'Add an address' }).click();
  await fillAddress(page, { label: 'Office', fullName: 'Kemi Office', phone: '0805 987 6543', line1: '3 Broad Street', city: 'Kano', state: 'Kano' });
  await page.getByRole('button', { name: 'Save address' }).click();
  await expect(page.getByTestId('saved-address')).toHaveCount(2);
  // The first stays the default (listed first).
  await expect(page.getByTestId('saved-address').first()).toContainText('Home');

  const [variant] = await createTestVariants(db, [{ stock: 5 }]);
  expect((await page.request.post('/api/cart/items', { data: { variantId: variant!.id, quantity: 1 } })).ok()).toBe(true);
  await page.goto('/checkout');
  await expect(page.getByLabel('Deliver to')).toContainText('Home');
  await expect(page.getByLabel('Full name')).toHaveValue('Kemi Home');
  await expect(page.getByLabel('Address', { exact: true })).toHaveValue('12 Admiralty Way');
  await expect(page.getByLabel('State')).toHaveValue('Lagos');

  await page.getByLabel('Deliver to').selectOption({ label: 'Office — Kemi Office, 3 Broad Street, Kano' });
  await expect(page.getByLabel('Full name')).toHaveValue('Kemi Office');
  await expect(page.getByLabel('Phone number')).toHaveValue('08059876543');
  await expect(page.getByLabel('City')).toHaveValue('Kano');
  await expect(page.getByLabel('State')).toHaveValue('Kano');

  await page.getByLabel('Deliver to').selectOption({ label: 'A new address' });
  await expect(page.getByLabel('Full name')).toHaveValue('');
});
