// Paystack's JSON as it travels (snake_case), per its OpenAPI description. Objects are loose: Paystack adds
// fields without notice and we must not break on them. Only what the shop reads is declared.
import { z } from 'zod';
import { paystackCurrencies, refundStatuses, transactionStatuses } from './types';

/** Minor units. Paystack sends integers, but a few payloads (webhooks, older endpoints) use numeric strings. */
const minorUnits = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

/** ISO-8601 timestamp string → Date, refusing unparseable values rather than producing Invalid Date. */
const timestamp = z
  .string()
  .transform((value) => new Date(value))
  .refine((date) => !Number.isNaN(date.getTime()), 'not a timestamp');

const optionalText = z.string().nullish();

/** Every Paystack reply has this outer shape, success or not. */
export const envelopeSchema = z.looseObject({
  status: z.boolean(),
  message: z.string(),
  data: z.unknown().optional(),
  meta: z.unknown().optional(),
  /** Machine-readable error code on some errors, e.g. `duplicate_reference`, `transaction_reversed`. */
  code: z.string().optional(),
});
export type WireEnvelope = z.infer<typeof envelopeSchema>;

export const initializeDataSchema = z.looseObject({
  authorization_url: z.string().min(1),
  access_code: z.string().min(1),
  reference: z.string().min(1),
});

const customerSchema = z.looseObject({
  id: z.number().int(),
  email: z.string(),
  customer_code: z.string(),
  first_name: optionalText,
  last_name: optionalText,
});

/** Paystack sends card expiry as strings ("12", "2030"); anything unreadable is null. */
const cardNumber = z
  .union([
    z.number().int(),
    z
      .string()
      .regex(/^\d{1,4}$/)
      .transform(Number),
  ])
  .nullish()
  .catch(null);

/** `{}` until the customer has paid, so every field is optional. */
export const authorizationSchema = z.looseObject({
  authorization_code: z.string().optional(),
  last4: optionalText,
  brand: optionalText,
  card_type: optionalText,
  bank: optionalText,
  channel: optionalText,
  signature: optionalText,
  exp_month: cardNumber,
  exp_year: cardNumber,
  reusable: z.boolean().optional(),
});
export type WireAuthorization = z.infer<typeof authorizationSchema>;

export const verifyDataSchema = z.looseObject({
  id: z.number().int(),
  domain: z.enum(['test', 'live']),
  status: z.enum(transactionStatuses),
  reference: z.string(),
  amount: minorUnits,
  requested_amount: minorUnits.optional(),
  currency: z.enum(paystackCurrencies),
  channel: optionalText,
  gateway_response: optionalText,
  fees: minorUnits.nullish(),
  paid_at: timestamp.nullish(),
  created_at: timestamp,
  customer: customerSchema,
  authorization: authorizationSchema.nullish(),
  /** An object, a JSON string, or `""`/`0`/null when none was sent. */
  metadata: z.unknown(),
});
export type WireVerifiedTransaction = z.infer<typeof verifyDataSchema>;

/** `POST /transaction/charge_authorization`'s data: the transaction it made, in whatever state Paystack left it. */
export const chargeAuthorizationDataSchema = z.looseObject({
  id: z.number().int(),
  reference: z.string(),
  /** `success`, `failed`, or a paused state (`send_otp`, `open_url`, `pending`, …) that needs the cardholder. */
  status: z.string(),
  amount: minorUnits,
  requested_amount: minorUnits.optional(),
  currency: z.string().length(3),
  domain: z.enum(['test', 'live']),
  channel: optionalText,
  fees: minorUnits.nullish(),
  gateway_response: optionalText,
  message: optionalText,
  paid_at: z.string().nullish(),
  transaction_date: z.string().nullish(),
  authorization: authorizationSchema.nullish(),
  customer: z.looseObject({ email: z.string() }).nullish(),
});
export type WireChargeAuthorization = z.infer<typeof chargeAuthorizationDataSchema>;

export const refundDataSchema = z.looseObject({
  id: z.number().int(),
  /** Create answers with the transaction object; fetch and list with its id plus `transaction_reference`. */
  transaction: z.union([z.number().int(), z.looseObject({ id: z.number().int(), reference: z.string() })]),
  transaction_reference: z.string().nullish(),
  status: z.enum(refundStatuses),
  domain: z.enum(['test', 'live']),
  amount: minorUnits,
  currency: z.enum(paystackCurrencies),
  customer_note: optionalText,
  merchant_note: optionalText,
  refunded_at: timestamp.nullish(),
  createdAt: timestamp,
});
export type WireRefund = z.infer<typeof refundDataSchema>;

export const refundListMetaSchema = z.looseObject({
  total: z.coerce.number().int(),
  page: z.coerce.number().int(),
  pageCount: z.coerce.number().int(),
});

/**
 * One row of `GET /transaction`: only what the release job reads. The status stays a string here: a status Paystack
 * adds later must not fail the whole page (the caller treats one it does not know as unsettled).
 */
export const listedTransactionSchema = z.looseObject({
  id: z.number().int(),
  reference: z.string(),
  status: z.string(),
  created_at: timestamp,
});

export const transactionListMetaSchema = z.looseObject({
  total: z.coerce.number().int(),
  page: z.coerce.number().int(),
  pageCount: z.coerce.number().int(),
});
