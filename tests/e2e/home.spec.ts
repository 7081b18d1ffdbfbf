import { expect, test } from './fixtures';

test('the home page shows the seeded catalogue with prices in naira', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Made in Lagos');
  const cards = page.getByTestId('product-card');
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeGreaterThanOrEqual(8);
  await expect(page.getByRole('heading', { name: 'Adire Indigo Shirt' })).toBeVisible();
  await expect(cards.filter({ hasText: 'Adire Indigo Shirt' })).toContainText('₦28,500.00');
  const categories = page.getByRole('region', { name: 'Shop by category' });
  await expect(categories.getByRole('listitem')).toHaveCount(4);
  await expect(categories.getByText('Home & Living')).toBeVisible();
});
