// The shop settings' pure parts: the schema's refusals, the form's naira/percent conversion, which delivery options a
// state gets (and the words when it gets none), VAT included or added, and checkout input for a pickup.
import { describe, expect, it } from 'vitest';
import { checkoutInputSchema } from '@/lib/checkout/checkout-input';
import { orderTotals, vatOn } from '@/lib/checkout/order-totals';
import { money } from '@/lib/core/money';
import { deliveryOffersFor, resolveDelivery } from '@/lib/settings/delivery-offers';
import { parseSettingsForm, toSettingsFormValues } from '@/lib/settings/settings-form';
import { defaultShopSettings, shopSettingsSchema } from '@/lib/settings/shop-settings';

describe('deliveryOffersFor / resolveDelivery (the demo Lagos shop)', () => {
  it('offers standard, express and pickup in Lagos, each at the settings’ fee', () => {
    expect(deliveryOffersFor(defaultShopSettings, 'Lagos').map((offer) => [offer.id, offer.fee.amount])).toEqual([
      ['standard', 250_000],
      ['express', 500_000],
      ['pickup', 0],
    ]);
  });

  it('offers no express to Kano, and refuses it in words the shopper can act on', () => {
    expect(deliveryOffersFor(defaultShopSettings, 'Kano').map((offer) => offer.id)).toEqual(['standard', 'pickup']);
    const refused = resolveDelivery(defaultShopSettings, 'express', 'Kano');
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'delivery_unavailable',
        option: 'express',
        state: 'Kano',
        message: 'Express delivery is not available in Kano. Choose standard delivery or pickup.',
      },
    });
  });

  it('needs no state for pickup, and a state for home delivery', () => {
    expect(resolveDelivery(defaultShopSettings, 'pickup', undefined)).toMatchObject({ ok: true, value: { id: 'pickup', label: 'Pick up in Yaba, Lagos' } });
    expect(resolveDelivery(defaultShopSettings, 'standard', undefined)).toMatchObject({ ok: false, error: { message: 'Choose the state to deliver to.' } });
  });

  it('sends a state in no zone to pickup', () => {
    const lagosOnly = { ...defaultShopSettings, delivery: { zones: [defaultShopSettings.delivery.zones[0]!] } };
    expect(resolveDelivery(lagosOnly, 'standard', 'Oyo')).toMatchObject({
      ok: false,
      error: { message: 'We do not deliver to Oyo yet. You can pick your order up instead.' },
    });
  });
});

describe('VAT on an order (total = subtotal + shipping + taxAdded)', () => {
  it.each([
    // taxable, rate, inclusive, tax, taxAdded
    [1_250_000, 750, true, 87_209, 0], // 12,500 × 7.5/107.5 = 872.093…
    [1_250_000, 750, false, 93_750, 93_750],
    [1_075, 750, true, 75, 0], // 10.75 contains 0.75 exactly
    [1, 750, false, 0, 0], // 0.075 kobo rounds to nothing
    [7, 750, false, 1, 1], // 0.525 kobo rounds half up
    [1_250_000, 0, false, 0, 0],
  ])('%i kobo at %i bp, prices include VAT: %s → tax %i, added %i', (taxable, rate, inclusive, tax, taxAdded) => {
    expect(vatOn(taxable, { rateBasisPoints: rate, pricesIncludeVat: inclusive })).toEqual({ tax, taxAdded });
  });

  it('adds VAT to the total only when prices exclude it', () => {
    const exclusive = orderTotals(money(1_000_000), money(250_000), { rateBasisPoints: 750, pricesIncludeVat: false });
    expect(exclusive.total.amount).toBe(1_343_750);
    const inclusive = orderTotals(money(1_000_000), money(250_000), { rateBasisPoints: 750, pricesIncludeVat: true });
    expect(inclusive).toMatchObject({ total: { amount: 1_250_000 }, tax: { amount: 87_209 }, taxAdded: { amount: 0 } });
  });
});

describe('shopSettingsSchema and the settings form', () => {
  it('round-trips the demo settings through the form (naira and percent)', () => {
    const values = toSettingsFormValues(defaultShopSettings);
    expect(values.zones[0]).toMatchObject({ standardFee: '2500.00', expressOffered: true, expressFee: '5000.00' });
    expect(values.vatPercent).toBe('7.5');
    expect(parseSettingsForm(values)).toEqual({ ok: true, settings: shopSettingsSchema.parse(defaultShopSettings) });
  });

  it('reports each problem by its path: a state in two zones, express without its time, a bad fee, a bad rate, no email', () => {
    const values = toSettingsFormValues(defaultShopSettings);
    values.zones[1] = { ...values.zones[1]!, states: ['Abuja FCT', 'Lagos'], expressDescription: '' };
    values.zones[2] = { ...values.zones[2]!, standardFee: 'two thousand' };
    values.vatPercent = '7.555';
    values.contactEmail = 'hello@';
    const parsed = parseSettingsForm(values);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.fieldErrors).toMatchObject({
      'delivery.zones.1.states': ['Lagos is already in the zone “Lagos”'],
      'delivery.zones.1.expressDescription': ['Say how fast express delivery is'],
      'delivery.zones.2.standardFee': ['Enter an amount in naira'],
      'vat.rateBasisPoints': ['Enter the VAT rate in percent'],
      contactEmail: ['Enter a valid email address'],
    });
  });
});

describe('checkout input for a pickup', () => {
  const contact = { fullName: 'Ada Collector', phone: '0803 123 4567' };

  it('asks no home address for a pickup and keeps none that was typed', () => {
    const parsed = checkoutInputSchema.parse({
      email: 'ada@example.test',
      deliveryOption: 'pickup',
      shippingAddress: { ...contact, line1: '1 Somewhere', city: 'Ikeja', state: 'Lagos' },
    });
    expect(parsed.shippingAddress).toEqual({ fullName: 'Ada Collector', phone: '08031234567', country: 'NG' });
  });

  it('still needs street, city and state for home delivery', () => {
    const parsed = checkoutInputSchema.safeParse({ email: 'ada@example.test', deliveryOption: 'standard', shippingAddress: contact });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['shippingAddress.line1', 'Address is required'],
      ['shippingAddress.city', 'City is required'],
      ['shippingAddress.state', 'Choose a state'],
    ]);
  });
});
