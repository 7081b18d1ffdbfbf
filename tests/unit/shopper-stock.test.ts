// The stock wording rule every page and GET /api/stock share, and what the stock endpoint accepts.
import { describe, expect, it } from 'vitest';
import { LOW_STOCK_THRESHOLD, liveStock, stockLabel, stockState } from '@/lib/inventory/shopper-stock';
import { MAX_STOCK_KEYS, stockQuerySchema } from '@/lib/inventory/stock-query';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('stockState and stockLabel', () => {
  it.each([
    [-2, 'sold_out', 'Sold out'],
    [0, 'sold_out', 'Sold out'],
    [1, 'low', 'Only 1 left'],
    [LOW_STOCK_THRESHOLD, 'low', `Only ${LOW_STOCK_THRESHOLD} left`],
    [LOW_STOCK_THRESHOLD + 1, 'in_stock', 'In stock'],
    [500, 'in_stock', 'In stock'],
  ])('%i units → %s, "%s"', (available, state, label) => {
    expect(stockState(available)).toBe(state);
    expect(stockLabel(available)).toBe(label);
  });

  it('never reports fewer than zero units', () => {
    expect(liveStock(-3)).toEqual({ available: 0, state: 'sold_out' });
  });
});

describe('stockQuerySchema', () => {
  it('takes comma-separated variant ids or product slugs, duplicates once', () => {
    expect(stockQuerySchema.parse({ variants: `${id(1)},${id(2)},${id(1)}` })).toEqual({ variants: [id(1), id(2)] });
    expect(stockQuerySchema.parse({ products: 'adire-indigo-shirt,woven-basket' })).toEqual({ products: ['adire-indigo-shirt', 'woven-basket'] });
  });

  it.each([
    ['nothing', {}],
    ['both kinds', { variants: id(1), products: 'adire-indigo-shirt' }],
    ['an empty list', { variants: '' }],
    ['a non-uuid variant', { variants: `${id(1)},1 OR 1=1` }],
    ['a slug with capitals or slashes', { products: 'Adire/../x' }],
    ['an unknown parameter', { variants: id(1), all: '1' }],
    ['too many ids', { variants: Array.from({ length: MAX_STOCK_KEYS + 1 }, (_, n) => id(n)).join(',') }],
  ])('refuses %s', (_name, query) => {
    expect(stockQuerySchema.safeParse(query).success).toBe(false);
  });

  it('accepts exactly the maximum', () => {
    expect(stockQuerySchema.parse({ variants: Array.from({ length: MAX_STOCK_KEYS }, (_, n) => id(n)).join(',') }).variants).toHaveLength(MAX_STOCK_KEYS);
  });
});
