import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A payment reference: `TXN-` + 20 random characters (100 bits). Paystack accepts only letters, digits, `-`, `.`
 * and `=` in a reference, which is why the seed diagram's `TXN_` became `TXN-` (Paystack refuses an underscore).
 */
export function newPaymentReference(): string {
  const bytes = randomBytes(20);
  let suffix = '';
  for (const byte of bytes) suffix += ALPHABET[byte % ALPHABET.length];
  return `TXN-${suffix}`;
}

export const PAYMENT_REFERENCE_PATTERN = /^[A-Za-z0-9.=-]+$/;
