// The shop's settings as the owner edits them at /admin/settings, validated with zod on every write and every read
// (a stored version that no longer parses is a bug, not something to print on an invoice). Framework-free and
// data only, so the admin form checks with the same schema before it sends.
import { z } from 'zod';
import { NIGERIAN_STATES } from '../checkout/checkout-input';

export { shopAddressLines } from './shop-address';

export type NigerianState = (typeof NIGERIAN_STATES)[number];

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} is too long (at most ${max} characters)`);

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} is too long (at most ${max} characters)`)
    .transform((value) => value || undefined)
    .optional();

const state = z.enum(NIGERIAN_STATES, { error: 'Choose a Nigerian state' });

/** Kobo, entered in naira on the form. At most ₦1,000,000 for a delivery fee. */
const fee = z
  .number({ error: 'Enter an amount in naira' })
  .int('Enter an amount in naira (at most 2 decimals)')
  .min(0, 'A fee cannot be negative')
  .max(100_000_000, 'A fee is at most ₦1,000,000');

export const shopAddressSchema = z.object({
  line1: text('Street address', 200),
  line2: optionalText('Address line 2', 200),
  city: text('City or area', 80),
  state,
});

export const deliveryZoneSchema = z.object({
  name: text('Zone name', 60),
  states: z.array(state).min(1, 'Give the zone at least one state').max(NIGERIAN_STATES.length),
  standardFee: fee,
  standardDescription: text('Standard delivery time', 120),
  /** Null: no express delivery to this zone. */
  expressFee: fee.nullable(),
  expressDescription: optionalText('Express delivery time', 120),
});

export const shopSettingsSchema = z
  .object({
    name: text('Shop name', 80),
    contactEmail: z
      .string({ error: 'Contact email is required' })
      .trim()
      .toLowerCase()
      .pipe(z.email({ error: 'Enter a valid email address' }))
      .pipe(z.string().max(254)),
    contactPhone: z
      .string({ error: 'Contact phone is required' })
      .trim()
      .regex(/^\+?[0-9][0-9 ()-]{6,19}$/, 'Enter a phone number, e.g. +234 803 123 4567'),
    address: shopAddressSchema,
    pickup: z.object({
      enabled: z.boolean(),
      address: shopAddressSchema,
      openingHours: text('Opening hours', 200),
      readyWithin: text('When an order is ready', 120),
    }),
    delivery: z.object({
      zones: z.array(deliveryZoneSchema).min(1, 'Add at least one delivery zone').max(NIGERIAN_STATES.length),
    }),
    vat: z.object({
      /** Basis points: 750 is 7.5 %. */
      rateBasisPoints: z
        .number({ error: 'Enter the VAT rate in percent' })
        .int('At most two decimals')
        .min(0, 'VAT cannot be negative')
        .max(5000, 'VAT is at most 50 %'),
      pricesIncludeVat: z.boolean(),
    }),
    returnsPolicy: text('Returns policy', 4000),
  })
  .superRefine(
    (settings, ctx) => {
      // A state in two zones would make its fee ambiguous: each state belongs to at most one zone. Runs even when other
      // fields failed (`when`), so the form shows every problem at once; hence the defensive reads.
      const zones = Array.isArray(settings?.delivery?.zones) ? settings.delivery.zones : [];
      const seen = new Map<string, string>();
      zones.forEach((zone, index) => {
        for (const name of Array.isArray(zone?.states) ? zone.states : []) {
          const other = seen.get(name);
          if (other !== undefined) {
            ctx.addIssue({ code: 'custom', path: ['delivery', 'zones', index, 'states'], message: `${name} is already in the zone “${other}”` });
          }
          seen.set(name, zone.name);
        }
        if (zone && zone.expressFee !== null && !zone.expressDescription) {
          ctx.addIssue({ code: 'custom', path: ['delivery', 'zones', index, 'expressDescription'], message: 'Say how fast express delivery is' });
        }
      });
    },
    { when: () => true },
  );

/** What is stored and what checkout reads (zod's output). */
export type ShopSettings = z.output<typeof shopSettingsSchema>;
export type DeliveryZone = ShopSettings['delivery']['zones'][number];
export type ShopAddress = z.output<typeof shopAddressSchema>;

/** The settings in force, with the version they were saved as (0: nothing saved yet, the defaults below). */
export interface VersionedShopSettings {
  version: number;
  settings: ShopSettings;
  savedAt: string | null;
}

/**
 * A Lagos shop, used until an owner saves settings (and seeded as version 1): standard delivery everywhere, express
 * only to Lagos and Abuja, pickup in Yaba, VAT 7.5 % included in the prices.
 */
export const defaultShopSettings: ShopSettings = {
  name: 'Paystack Commerce',
  contactEmail: 'hello@paystack-commerce.test',
  contactPhone: '+234 803 555 0142',
  address: { line1: '14 Herbert Macaulay Way', city: 'Yaba', state: 'Lagos' },
  pickup: {
    enabled: true,
    address: { line1: '14 Herbert Macaulay Way', city: 'Yaba', state: 'Lagos' },
    openingHours: 'Mon–Fri 9:00–18:00, Sat 10:00–16:00',
    readyWithin: 'Ready within 24 hours',
  },
  delivery: {
    zones: [
      {
        name: 'Lagos',
        states: ['Lagos'],
        standardFee: 250_000,
        standardDescription: '1–2 working days',
        expressFee: 500_000,
        expressDescription: 'Next working day',
      },
      {
        name: 'Abuja',
        states: ['Abuja FCT'],
        standardFee: 250_000,
        standardDescription: '2–3 working days',
        expressFee: 500_000,
        expressDescription: 'Next working day',
      },
      {
        name: 'Rest of Nigeria',
        states: NIGERIAN_STATES.filter((name) => name !== 'Lagos' && name !== 'Abuja FCT'),
        standardFee: 250_000,
        standardDescription: '3–5 working days',
        expressFee: null,
      },
    ],
  },
  vat: { rateBasisPoints: 750, pricesIncludeVat: true },
  returnsPolicy:
    'Changed your mind? Return any unworn, unwashed item with its tags within 14 days of delivery for a full refund.\n' +
    'Bring it to our pickup point or send it back with your order number; we refund to the card you paid with within 5 working days of receiving it.\n' +
    'Faulty or wrong items: tell us within 14 days and we collect them and refund the delivery fee too.',
};
