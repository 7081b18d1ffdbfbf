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

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} is too long`);

export const shippingAddressSchema = z.object({
  fullName: text('Full name', 120).min(2, 'Enter your full name'),
  phone: z
    .string({ error: 'Phone number is required' })
    .trim()
    .transform((value) => value.replace(/[\s-]/g, ''))
    .pipe(nigerianPhoneSchema),
  line1: text('Address', 200),
  line2: z
    .string()
    .trim()
    .max(200, 'Address line 2 is too long')
    .transform((value) => value || undefined)
    .optional(),
  city: text('City', 80),
  state: z.enum(NIGERIAN_STATES, { error: 'Choose a state' }),
  postalCode: z
    .string()
    .trim()
    .max(12, 'Postal code is too long')
    .transform((value) => value || undefined)
    .optional(),
  country: z.literal('NG', { error: 'We deliver within Nigeria only' }).default('NG'),
});

export const checkoutInputSchema = z.object({
  email: z
    .string({ error: 'Email is required' })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'Enter a valid email address' }))
    .pipe(z.string().max(254)),
  shippingAddress: shippingAddressSchema,
  deliveryOption: z.enum(['standard', 'express', 'pickup'], { error: 'Choose a delivery option' }),
});

export type CheckoutInput = z.infer<typeof checkoutInputSchema>;

export const orderLinesSchema = z
  .array(z.object({ variantId: z.uuid(), quantity: z.number().int().min(1).max(1000) }))
  .min(1, 'Your cart is empty')
  .max(100);

export type OrderLineInput = z.infer<typeof orderLinesSchema>[number];
