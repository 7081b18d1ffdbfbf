// What a shopper submits at checkout, validated at every edge (form action and Store API alike).
import { z } from 'zod';

export const NIGERIAN_STATES = [
  'Abia',
  'Abuja FCT',
  'Adamawa',
  'Akwa Ibom',
  'Anambra',
  'Bauchi',
  'Bayelsa',
  'Benue',
  'Borno',
  'Cross River',
  'Delta',
  'Ebonyi',
  'Edo',
  'Ekiti',
  'Enugu',
  'Gombe',
  'Imo',
  'Jigawa',
  'Kaduna',
  'Kano',
  'Katsina',
  'Kebbi',
  'Kogi',
  'Kwara',
  'Lagos',
  'Nasarawa',
  'Niger',
  'Ogun',
  'Ondo',
  'Osun',
  'Oyo',
  'Plateau',
  'Rivers',
  'Sokoto',
  'Taraba',
  'Yobe',
  'Zamfara',
] as const;

/** A Nigerian mobile number, spaces and dashes already removed (checkout, saved addresses, the account's phone). */
export const nigerianPhoneSchema = z.string().regex(/^(\+234|0)[789][01]\d{8}$/, 'Enter a Nigerian phone number, e.g. 0803 123 4567');

// An empty field has one problem, said once: `abort` stops the checks after it (an empty name is "required", not also "too short").
const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, { error: `${label} is required`, abort: true })
    .max(max, `${label} is too long`);

const phoneSchema = z
  .string({ error: 'Phone number is required' })
  .trim()
  .transform((value) => value.replace(/[\s-]/g, ''))
  .pipe(nigerianPhoneSchema);

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} is too long`)
    .transform((value) => value || undefined)
    .optional();

/** A home address: every part a courier needs. */
export const shippingAddressSchema = z.object({
  fullName: text('Full name', 120).min(2, 'Enter your full name'),
  phone: phoneSchema,
  line1: text('Address', 200),
  line2: optionalText('Address line 2', 200),
  city: text('City', 80),
  state: z.enum(NIGERIAN_STATES, { error: 'Choose a state' }),
  postalCode: optionalText('Postal code', 12),
  country: z.literal('NG', { error: 'We deliver within Nigeria only' }).default('NG'),
});

// The address as typed, before we know whether it is needed: street, city and state are required for home delivery
// only (the refinement below), so a pickup order asks for no home address.
const typedAddressSchema = shippingAddressSchema.extend({
  line1: optionalText('Address', 200),
  city: optionalText('City', 80),
  state: z.enum(NIGERIAN_STATES, { error: 'Choose a state' }).optional(),
});

export const DELIVERY_OPTIONS = ['standard', 'express', 'pickup'] as const;

export const checkoutInputSchema = z
  .object({
    email: z
      .string({ error: 'Email is required' })
      .trim()
      .toLowerCase()
      .pipe(z.email({ error: 'Enter a valid email address' }))
      .pipe(z.string().max(254)),
    shippingAddress: typedAddressSchema,
    deliveryOption: z.enum(DELIVERY_OPTIONS, { error: 'Choose a delivery option' }),
    /** "Save this card for next time" (signed-in shoppers only; off unless asked). */
    saveCard: z.boolean().optional(),
    /** Pay in one click with this saved card of the signed-in shopper instead of Paystack's page. */
    savedCardId: z.uuid({ error: 'Choose one of your saved cards' }).optional(),
    /** A discount code (any case); empty or absent for none. Its rules are checked when the order is placed. */
    couponCode: z
      .string({ error: 'Enter the code as text' })
      .trim()
      .max(32, 'Discount codes are at most 32 characters')
      .regex(/^[A-Za-z0-9_-]*$/, 'Discount codes are letters, digits, - and _ only')
      .transform((value) => value || undefined)
      .optional(),
  })
  .superRefine(
    (input, ctx) => {
      // Runs even when another field failed (`when`), so every missing part of the address is reported in one pass.
      if (input.deliveryOption === 'pickup' || typeof input.shippingAddress !== 'object' || input.shippingAddress === null) return;
      const address = input.shippingAddress as Partial<Record<string, unknown>>;
      const missing: Array<[string, string]> = [
        ['line1', 'Address is required'],
        ['city', 'City is required'],
        ['state', 'Choose a state'],
      ];
      for (const [field, message] of missing) {
        if (address[field] === undefined) ctx.addIssue({ code: 'custom', path: ['shippingAddress', field], message });
      }
    },
    { when: () => true },
  )
  .transform(({ shippingAddress, ...rest }) =>
    // Pickup: keep who collects it, never a home address nobody asked for.
    rest.deliveryOption === 'pickup'
      ? { ...rest, shippingAddress: { fullName: shippingAddress.fullName, phone: shippingAddress.phone, country: shippingAddress.country } }
      : { ...rest, shippingAddress },
  );

export type CheckoutInput = z.infer<typeof checkoutInputSchema>;

export const orderLinesSchema = z
  .array(z.object({ variantId: z.uuid(), quantity: z.number().int().min(1).max(1000) }))
  .min(1, 'Your cart is empty')
  .max(100);

export type OrderLineInput = z.infer<typeof orderLinesSchema>[number];
