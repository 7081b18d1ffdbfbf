// The checkout form's fields ↔ the checkout input: a valid form parses, a bad one reports each problem under the
// name of the field the shopper sees, and what was typed comes back for the re-rendered form.
import { describe, expect, it } from 'vitest';
import { checkoutFingerprint } from '@/lib/checkout/checkout-attempt';
import { parseCheckoutForm } from '@/lib/checkout/checkout-form';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

const valid = {
  email: ' Ngozi@Example.COM ',
  fullName: 'Ngozi Okafor',
  phone: '0803-123-4567',
  line1: '12 Admiralty Way',
  line2: '',
  city: 'Lekki',
  state: 'Lagos',
  postalCode: '',
  deliveryOption: 'express',
};

describe('parseCheckoutForm', () => {
  it('parses a valid form into the checkout input, normalising email and phone', () => {
    const parsed = parseCheckoutForm(form(valid));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.input).toEqual({
      email: 'ngozi@example.com',
      deliveryOption: 'express',
      shippingAddress: { fullName: 'Ngozi Okafor', phone: '08031234567', line1: '12 Admiralty Way', city: 'Lekki', state: 'Lagos', country: 'NG' },
    });
  });

  it('reports each problem under the field the shopper sees, and echoes what was typed', () => {
    const parsed = parseCheckoutForm(form({ ...valid, email: 'ngozi@', phone: '12345', state: '', deliveryOption: '', line1: '   ' }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.fieldErrors).toEqual({
      email: ['Enter a valid email address'],
      phone: ['Enter a Nigerian phone number, e.g. 0803 123 4567'],
      line1: ['Address is required'],
      state: ['Choose a state'],
      deliveryOption: ['Choose a delivery option'],
    });
    expect(parsed.values).toMatchObject({ email: 'ngozi@', phone: '12345', fullName: 'Ngozi Okafor' });
  });

  it('refuses a state that is not Nigerian and an unknown delivery option', () => {
    const parsed = parseCheckoutForm(form({ ...valid, state: 'Texas', deliveryOption: 'drone' }));
    expect(parsed.ok ? {} : parsed.fieldErrors).toEqual({ state: ['Choose a state'], deliveryOption: ['Choose a delivery option'] });
  });
});

describe('checkoutFingerprint', () => {
  const parsed = parseCheckoutForm(form(valid));
  if (!parsed.ok) throw new Error('fixture must be valid');
  const input = parsed.input;
  const lines = [
    { variantId: 'b', quantity: 1 },
    { variantId: 'a', quantity: 2 },
  ];

  it('is the same for the same cart in any order, and changes with the cart, the buyer, the address or the delivery', () => {
    const base = checkoutFingerprint(null, input, lines);
    expect(checkoutFingerprint(null, input, [...lines].reverse())).toBe(base);
    expect(checkoutFingerprint(null, input, [{ variantId: 'a', quantity: 3 }, lines[0]!])).not.toBe(base);
    expect(checkoutFingerprint('user-1', input, lines)).not.toBe(base);
    expect(checkoutFingerprint(null, { ...input, deliveryOption: 'pickup' }, lines)).not.toBe(base);
    expect(checkoutFingerprint(null, { ...input, shippingAddress: { ...input.shippingAddress, line2: 'Flat 3' } }, lines)).not.toBe(base);
  });
});
