// The shop settings in Chromium, against the production build: an admin opens Settings, is told what is wrong with
// an invalid form (next to the field, nothing saved), then saves a new contact phone, email and returns policy; a
// shopper's footer, the Returns page and the Delivery page show them on the next request (the cached settings were
// revalidated by the save). The spec puts the settings back as it found them, through the same form.
import { randomInt } from 'node:crypto';
import { storageStateOf } from './auth-helpers';
import { type Browser, expect, type Page, test } from './fixtures';

async function adminPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ storageState: storageStateOf('admin') })).newPage();
}

async function save(admin: Page) {
  await admin.getByRole('button', { name: 'Save settings' }).click();
  await expect(admin.getByTestId('settings-notice')).toHaveText('Saved. The shop uses the new settings for new orders now.');
}

test('an admin saves the shop settings and a shopper sees them in the footer, on Returns and on Delivery', async ({ browser, page }) => {
  test.setTimeout(60_000);
  const admin = await adminPage(browser);
  await admin.goto('/admin/settings');
  await expect(admin.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();

  const phone = admin.getByLabel('Contact phone');
  const email = admin.getByLabel('Contact email');
  const policy = admin.getByLabel('Shown on the Returns page (one paragraph per line)');
  const name = admin.getByLabel('Shop name', { exact: true });
  const before = { phone: await phone.inputValue(), email: await email.inputValue(), policy: await policy.inputValue(), name: await name.inputValue() };

  // Refused next to the field, and nothing saved.
  await phone.fill('call me');
  await admin.getByRole('button', { name: 'Save settings' }).click();
  await expect(admin.getByTestId('settings-notice')).toHaveText('Please correct the highlighted fields.');
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(admin.getByText('Enter a phone number, e.g. +234 803 123 4567')).toBeVisible();

  const run = randomInt(1_000, 9_999);
  const newPhone = `+234 809 555 ${run}`;
  const newEmail = `care-${run}@adire.test`;
  const newPolicy = `Returns within 30 days (run ${run}).\nBring it to the pickup point with your order number.`;
  await phone.fill(newPhone);
  await email.fill(newEmail);
  await policy.fill(newPolicy);
  await name.fill(`Adire House ${run}`);
  await save(admin);

  // The shopper: the footer (every page) and the Returns page read the new settings at once.
  await page.goto('/returns');
  await expect(page.getByRole('heading', { name: 'Returns and refunds' })).toBeVisible();
  await expect(page.getByTestId('returns-policy')).toContainText(`Returns within 30 days (run ${run}).`);
  // The shop's name in the header and the page title.
  await expect(page.getByRole('banner').getByRole('link', { name: `Adire House ${run}` })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`· Adire House ${run}$`));
  await expect(page.getByTestId('returns-policy').getByText('Bring it to the pickup point with your order number.')).toBeVisible();
  const footer = page.getByTestId('site-footer');
  await expect(footer.getByRole('link', { name: newPhone })).toHaveAttribute('href', `tel:+234809555${run}`);
  await expect(footer.getByRole('link', { name: newEmail })).toHaveAttribute('href', `mailto:${newEmail}`);

  // The footer's Delivery link: fees per zone, express only where offered, the pickup point.
  await footer.getByRole('link', { name: 'Delivery and pickup' }).click();
  await expect(page.getByRole('heading', { name: 'Delivery and pickup', level: 1 })).toBeVisible();
  const zones = page.getByTestId('delivery-zones');
  await expect(zones.getByRole('row', { name: /^Lagos/ })).toContainText('Next working day');
  await expect(zones.getByRole('row', { name: /^Rest of Nigeria/ })).toContainText('Not available');
  await expect(page.getByText('Opening hours: Mon–Fri 9:00–18:00, Sat 10:00–16:00')).toBeVisible();
  await expect(footer.getByRole('link', { name: 'Returns and refunds' })).toHaveAttribute('href', '/returns');

  // Put the settings back as they were, through the same form.
  await admin.reload();
  await phone.fill(before.phone);
  await email.fill(before.email);
  await policy.fill(before.policy);
  await name.fill(before.name);
  await save(admin);
  await page.goto('/returns');
  await expect(page.getByTestId('site-footer').getByRole('link', { name: before.phone })).toBeVisible();
});
