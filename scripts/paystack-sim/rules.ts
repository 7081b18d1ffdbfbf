// Paystack's business rules the simulator enforces: currencies, minimum amounts, reference charset, fees.
import { randomBytes, randomInt } from 'node:crypto';

export const currencies = ['NGN', 'GHS', 'ZAR', 'KES', 'USD'] as const;
export type Currency = (typeof currencies)[number];

/**
 * Smallest amount Paystack accepts per currency, in subunits. From the "Supported currencies" table of
 * Paystack's API reference (paystack.com/docs/api/#supported-currency): ₦50.00, ₵0.10, R1.00, Ksh 3.00, $2.00.
 */
export const minimumAmount: Record<Currency, number> = {
  NGN: 5_000,
  GHS: 10,
  ZAR: 100,
  KES: 300,
  USD: 200,
};

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && (currencies as readonly string[]).includes(value);
}

/** OpenAPI `TransactionInitialize.reference`: "Only -, ., = and alphanumeric characters allowed." */
export const referencePattern = /^[A-Za-z0-9.=-]+$/;

/**
 * Paystack's local Nigerian card pricing: 1.5% + ₦100, the ₦100 waived under ₦2,500, the total capped at
 * ₦2,000 (paystack.com/pricing). The simulator applies it to every currency so fees are always present.
 */
export function paystackFee(amount: number): number {
  const percentage = Math.round(amount * 0.015);
  const flat = amount >= 250_000 ? 10_000 : 0;
  return Math.min(percentage + flat, 200_000);
}

/**
 * Accepts an integer or an integer string (form-encoded requests carry strings, and Paystack takes both).
 * Anything else - 100.5, "12abc", 1e21 - is not an amount.
 */
export function parseAmount(value: unknown): number | undefined {
  const candidate = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  return typeof candidate === 'number' && Number.isSafeInteger(candidate) ? candidate : undefined;
}

const lowerAlnum = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomCode(length: number, alphabet = lowerAlnum): string {
  const bytes = randomBytes(length);
  let code = '';
  for (const byte of bytes) code += alphabet[byte % alphabet.length];
  return code;
}

/** Ids in Paystack's ranges, so code that stores them in a 32-bit column fails here as it would live. */
export function idSequence(start: number): () => number {
  let next = start + randomInt(1_000);
  return () => next++;
}

/** Loose on purpose: Paystack refuses obviously broken addresses, not unusual ones. */
export function isEmail(value: unknown): value is string {
  return typeof value === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}
