import { describe, expect, it } from 'vitest';
import { seedProducts } from '../../scripts/seed/catalogue';
import { expandVariants } from '../../scripts/seed/expand-variants';

const bySlug = (slug: string) => seedProducts.find((product) => product.slug === slug)!;

describe('demo catalogue', () => {
  it('expands every option combination with a unique SKU', () => {
    const variants = expandVariants(bySlug('everyday-cotton-tee'));
    expect(variants).toHaveLength(12);
    expect(new Set(variants.map((variant) => variant.sku)).size).toBe(12);
    expect(variants[0]).toMatchObject({ title: 'S / Black', options: { Size: 'S', Colour: 'Black' }, sku: 'CTN-TEE-S-BLA' });
  });

  it('applies stock and price overrides', () => {
    const sneakers = expandVariants(bySlug('runner-knit-sneakers'));
    const big = sneakers.find((variant) => variant.title === '45 / Black')!;
    expect(big.stockOnHand).toBe(2);
    expect(big.priceAmount).toBe(4_850_000 + 150_000);
  });

  it('has SKUs unique across the whole shop, a low-stock variant and a sold-out product', () => {
    const all = seedProducts.flatMap(expandVariants);
    expect(new Set(all.map((variant) => variant.sku)).size).toBe(all.length);
    expect(seedProducts.length).toBeGreaterThanOrEqual(16);
    expect(all.some((variant) => variant.stockOnHand > 0 && variant.stockOnHand <= 2)).toBe(true);
    expect(expandVariants(bySlug('kente-bow-tie')).every((variant) => variant.stockOnHand === 0)).toBe(true);
    expect(all.every((variant) => Number.isInteger(variant.priceAmount) && variant.priceAmount > 0)).toBe(true);
  });
});
