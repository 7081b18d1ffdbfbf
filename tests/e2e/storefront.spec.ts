// The storefront as a shopper uses it: browse, sort, page, pick a variant (mouse and keyboard), search.
// Assertions about counts only lean on the seeded catalogue where other suites cannot change it.
import { expect, test, type Locator, type Page } from './fixtures';
import { inArray } from 'drizzle-orm';
import { productVariants } from '../../db/schema';
import { testDatabase } from '../support/db';

const naira = (text: string) => Number(text.replace(/[^0-9.]/g, ''));

async function cardPrices(page: Page): Promise<number[]> {
  return (await page.getByTestId('card-price').allTextContents()).map(naira);
}

const ascending = (values: number[]) => values.every((value, index) => index === 0 || values[index - 1]! <= value);

/** Clicks the visible chip of an option value (the radio itself is visually hidden). */
async function choose(page: Page, option: string, value: string) {
  const group = page.getByRole('group', { name: new RegExp(`^${option}`) });
  await group.getByText(value, { exact: true }).click();
  await expect(group.getByRole('radio', { name: value, exact: true })).toBeChecked();
}

/** The cart's button: labelled "Add to cart", or "Sold out" while disabled. */
function addToCart(page: Page): Locator {
  return page.getByTestId('add-to-cart');
}

test('home → category → sort by price → product → choose size and colour', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('region', { name: 'Shop by category' }).getByRole('link', { name: 'Footwear' }).click();
  await expect(page).toHaveURL(/\/category\/footwear$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Footwear' })).toBeVisible();
  await expect(page.getByTestId('product-card').filter({ hasText: 'Runner Knit Sneakers' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Sort products' }).getByRole('link', { name: 'Price: low to high' }).click();
  await expect(page).toHaveURL(/sort=price-asc/);
  await expect(page.getByRole('link', { name: 'Price: low to high' })).toHaveAttribute('aria-current', 'true');
  const prices = await cardPrices(page);
  expect(prices.length).toBeGreaterThanOrEqual(4);
  expect(ascending(prices)).toBe(true);

  await page.getByRole('link', { name: 'Runner Knit Sneakers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Runner Knit Sneakers' })).toBeVisible();
  const price = page.getByTestId('variant-price');
  const availability = page.getByTestId('variant-availability');
  // Opens on the first variant in stock: 40 / Black, six pairs.
  await expect(price).toHaveText('₦48,500.00');
  await expect(availability).toHaveText('In stock');
  await expect(addToCart(page)).toBeEnabled();

  await choose(page, 'Size', '45');
  await expect(price).toHaveText('₦50,000.00');
  await expect(availability).toHaveText('Only 2 left');
  await choose(page, 'Colour', 'White');
  await expect(availability).toHaveText('In stock');
  await expect(price).toHaveText('₦50,000.00');
  await expect(page).toHaveURL(/\?variant=[0-9a-f-]{36}$/);

  // The URL carries the choice: a reload (or a shared link) renders the same variant on the server.
  await page.reload();
  await expect(page.getByRole('group', { name: /^Size/ }).getByRole('radio', { name: '45', exact: true })).toBeChecked();
  await expect(page.getByRole('group', { name: /^Colour/ }).getByRole('radio', { name: 'White' })).toBeChecked();
  await expect(price).toHaveText('₦50,000.00');
});

test('all products: sorted by price across two pages of 12', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: 'All products' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'All products' })).toBeVisible();
  await page.getByRole('link', { name: 'Price: low to high' }).click();
  await expect(page).toHaveURL(/\/products\?sort=price-asc$/);
  await expect(page.getByTestId('product-card')).toHaveCount(12);
  await expect(page.getByTestId('result-count')).toContainText('Showing 1–12 of');
  const firstPage = await cardPrices(page);
  expect(ascending(firstPage)).toBe(true);

  const pagination = page.getByRole('navigation', { name: 'Pagination' });
  await expect(pagination.getByRole('link', { name: 'Page 1' })).toHaveAttribute('aria-current', 'page');
  await pagination.getByRole('link', { name: 'Page 2' }).click();
  await expect(page).toHaveURL(/\/products\?sort=price-asc&page=2$/);
  await expect(page.getByTestId('result-count')).toContainText('Showing 13–');
  const secondPage = await cardPrices(page);
  expect(secondPage.length).toBeGreaterThanOrEqual(1);
  expect(ascending([...firstPage, ...secondPage])).toBe(true);

  const card = page.getByTestId('product-card').first();
  const title = (await card.getByRole('heading').textContent())!;
  await card.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

  await page.goBack();
  await pagination.getByRole('link', { name: 'Previous' }).click();
  await expect(page).toHaveURL(/\/products\?sort=price-asc$/);
});

test('sold out: a sold-out variant and a sold-out product cannot be added', async ({ page }) => {
  await page.goto('/products/everyday-cotton-tee');
  await choose(page, 'Size', 'XL');
  await choose(page, 'Colour', 'Green');
  await expect(page.getByTestId('variant-availability')).toHaveText('Sold out');
  await expect(addToCart(page)).toBeDisabled();
  await expect(addToCart(page)).toHaveText('Sold out');
  await choose(page, 'Colour', 'Black');
  await expect(page.getByTestId('variant-availability')).toHaveText('In stock');
  await expect(addToCart(page)).toBeEnabled();

  await page.goto('/products/kente-bow-tie');
  await expect(page.getByRole('heading', { level: 1, name: 'Kente Bow Tie' })).toBeVisible();
  await expect(page.getByTestId('variant-availability')).toHaveText('Sold out');
  await expect(addToCart(page)).toBeDisabled();
  await expect(page.getByRole('radio')).toHaveCount(0);

  await page.goto('/category/accessories');
  await expect(page.getByTestId('product-card').filter({ hasText: 'Kente Bow Tie' })).toContainText('Sold out');
});

test('the variant picker works with the keyboard alone', async ({ page }) => {
  await page.goto('/products/runner-knit-sneakers');
  const size40 = page.getByRole('radio', { name: '40', exact: true });
  await expect(size40).toBeChecked();
  await size40.focus();
  for (let step = 0; step < 5; step += 1) await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: '45', exact: true })).toBeChecked();
  await expect(page.getByTestId('variant-price')).toHaveText('₦50,000.00');
  await expect(page.getByTestId('variant-availability')).toHaveText('Only 2 left');

  // Tab leaves the Size group for the Colour group; an arrow key picks the next colour.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: 'Black' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'White' })).toBeChecked();
  await expect(page.getByTestId('variant-availability')).toHaveText('In stock');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Quantity')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(addToCart(page)).toBeFocused();
  await expect(addToCart(page)).toHaveText('Add to cart');
});

test('search: ranked results for a half-typed word, and an empty state with suggestions', async ({ page }) => {
  await page.goto('/');
  await page.locator('#header-search').fill('sneak');
  await page.locator('#header-search').press('Enter');
  await expect(page).toHaveURL(/\/search\?q=sneak$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results for “sneak”');
  await expect(page.getByTestId('result-count')).toHaveText(/^\d+ products? found$/);
  await expect(page.getByTestId('product-card').first()).toContainText('Runner Knit Sneakers');

  await page.locator('#search-page-query').fill('zzqxv');
  await page.locator('#search-page-query').press('Enter');
  await expect(page.getByTestId('result-count')).toHaveText('No products found');
  await expect(page.getByRole('heading', { name: 'Nothing matches “zzqxv”' })).toBeVisible();
  await expect(page.getByTestId('product-card')).toHaveCount(0);
  await page.getByRole('region', { name: 'Or browse a category' }).getByRole('link', { name: 'Footwear' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Footwear' })).toBeVisible();
});

test('search refuses an over-long query with a message', async ({ page }) => {
  await page.goto(`/search?q=${'a'.repeat(150)}`);
  await expect(page.getByRole('main').getByRole('alert')).toContainText('at most 100 characters');
  await expect(page.getByTestId('product-card')).toHaveCount(0);
});

test('unknown pages, products, categories and out-of-range pages are 404s', async ({ page }) => {
  for (const path of [
    '/no-such-page',
    '/products/no-such-thing',
    '/category/no-such-category',
    '/category/footwear?page=2',
    '/products?page=0',
    '/products?page=99',
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  }
});

test('robots.txt opens the catalogue to search engines and keeps carts, accounts and the admin out', async ({ request }) => {
  const response = await request.get('/robots.txt');
  expect(response.status()).toBe(200);
  const text = await response.text();
  expect(text).toContain('Allow: /\n');
  for (const path of ['/admin', '/account', '/cart', '/checkout', '/api/']) expect(text).toContain(`Disallow: ${path}\n`);
});

test('product pages carry metadata and do not shift while images load', async ({ page }) => {
  await page.goto('/products/adire-indigo-shirt');
  await expect(page).toHaveTitle('Adire Indigo Shirt · Paystack Commerce');
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /hand-dyed adire cotton/);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', 'Adire Indigo Shirt');
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /\/products\/adire-indigo-shirt\.svg$/);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /\/products\/adire-indigo-shirt$/);
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(jsonLd).toMatchObject({ '@type': 'Product', name: 'Adire Indigo Shirt' });
  expect(jsonLd.offers).toHaveLength(8);

  const image = page.getByRole('img', { name: 'Adire Indigo Shirt' });
  await expect(image).toHaveAttribute('width', '800');
  await expect(image).toHaveAttribute('height', '800');
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const shift = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) total += (entry as unknown as { value: number }).value;
        }).observe({ type: 'layout-shift', buffered: true });
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
      }),
  );
  expect(shift).toBeLessThan(0.01);
});

test('availability is never served from a cache: reserved stock shows as sold out at once', async ({ page }) => {
  const { db, sql } = testDatabase();
  const skus = ['STR-HAT-M', 'STR-HAT-L'];
  const before = await db.select().from(productVariants).where(inArray(productVariants.sku, skus));
  expect(before).toHaveLength(2);
  try {
    // Warm every cache the pages use.
    await page.goto('/category/accessories');
    await expect(page.getByTestId('product-card').filter({ hasText: 'Straw Sun Hat' })).not.toContainText('Sold out');
    await page.goto('/products/straw-sun-hat');
    await expect(page.getByTestId('variant-availability')).toHaveText('In stock');

    // What checkout does when shoppers hold every unit: reserved = on hand.
    for (const variant of before) {
      await db
        .update(productVariants)
        .set({ reserved: variant.stockOnHand })
        .where(inArray(productVariants.id, [variant.id]));
    }
    await page.reload();
    await expect(page.getByTestId('variant-availability')).toHaveText('Sold out');
    await expect(addToCart(page)).toBeDisabled();
    await page.goto('/category/accessories');
    await expect(page.getByTestId('product-card').filter({ hasText: 'Straw Sun Hat' })).toContainText('Sold out');
  } finally {
    for (const variant of before) {
      await db
        .update(productVariants)
        .set({ reserved: variant.reserved })
        .where(inArray(productVariants.id, [variant.id]));
    }
    await sql.end();
  }
  await page.goto('/products/straw-sun-hat');
  await expect(page.getByTestId('variant-availability')).toHaveText('In stock');
});
