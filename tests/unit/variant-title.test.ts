// A product without options has one variant stored as "Default": people see the product's title alone.
import { describe, expect, it } from 'vitest';
import { lineTitle, variantName } from '@/lib/products/variant-title';

describe('variant titles for people', () => {
  it.each([
    ['M / Indigo', 'M / Indigo'],
    ['EU 42', 'EU 42'],
    ['Default', null],
    ['', null],
    [' ', null],
    [null, null],
    [undefined, null],
  ])('variantName(%j) is %j', (title, expected) => {
    expect(variantName(title)).toBe(expected);
  });

  it('joins a named variant to its product and leaves an unnamed one out', () => {
    expect(lineTitle('Adire Indigo Shirt', 'M / Indigo')).toBe('Adire Indigo Shirt – M / Indigo');
    expect(lineTitle('Woven Raffia Basket', 'Default')).toBe('Woven Raffia Basket');
    expect(lineTitle('Adire Indigo Shirt', 'M / Indigo', ', ')).toBe('Adire Indigo Shirt, M / Indigo');
  });
});
