// The product page's quantity box: what is typed is read before anything is sent; a mistake is named, never replaced by 1.
import { describe, expect, it } from 'vitest';
import { readQuantity } from '@/components/cart/quantity-input';

describe('readQuantity', () => {
  it.each([
    ['1', 1],
    ['3', 3],
    [' 12 ', 12],
    ['999', 999],
  ])('reads %j as %i', (typed, quantity) => {
    expect(readQuantity(typed, 999)).toEqual({ ok: true, quantity });
  });

  it.each([
    ['0', 'Enter a quantity of 1 or more.'],
    ['-2', 'Enter a quantity of 1 or more.'],
    ['', 'Enter how many you want (1 or more).'],
    ['   ', 'Enter how many you want (1 or more).'],
    ['1.5', 'Enter a whole number (1 or more).'],
    ['abc', 'Enter a whole number (1 or more).'],
    ['1000', 'Enter a quantity of 999 or fewer.'],
  ])('refuses %j with %j', (typed, message) => {
    expect(readQuantity(typed, 999)).toEqual({ ok: false, message });
  });
});
