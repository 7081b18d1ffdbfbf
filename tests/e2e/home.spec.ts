import { expect, test } from '@playwright/test';

test('the home page shows the seeded catalogue with prices in naira', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Made in Lagos');
  const cards = page.getByTestId('product-card');
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeGreaterThanOrEqual(8);
  await expect(page.getByRole('heading', { name: 'Adire Indigo Shirt' })).toBeVisible();
  await expect(cards.filter({ hasText: 'Adire Indigo Shirt' })).toContainText('₦28,500.00');
  await expect(page.getByRole('heading', { name: 'Shop by category' })).toBeVisible();
  await expect(page.getByText('Home & Living')).toBeVisible();
});
