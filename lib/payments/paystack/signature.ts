// Paystack signs each webhook with the secret key: `x-paystack-signature` is the hex HMAC-SHA512 of the raw
// request body. It must be checked against the exact bytes received; re-serialised JSON does not match.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** An HMAC-SHA512 digest is 64 bytes, so a well-formed signature is exactly 128 hex characters. */
const signaturePattern = /^[0-9a-f]{128}$/i;

function digest(rawBody: string | Uint8Array, secretKey: string): Buffer {
  return createHmac('sha512', secretKey).update(rawBody).digest();
}

/** The `x-paystack-signature` value Paystack sends for this body (lower-case hex). */
export function signWebhookBody(rawBody: string | Uint8Array, secretKey: string): string {
  return digest(rawBody, secretKey).toString('hex');
}

/**
 * True only when `signature` is the signature of `rawBody` under `secretKey`. Anything else - missing header,
 * wrong length, non-hex, tampered body - is `false`, never an exception, so a webhook route can answer 401.
 */
export function verifyWebhookSignature(rawBody: string | Uint8Array, signature: string | null | undefined, secretKey: string): boolean {
  if (typeof signature !== 'string' || !signaturePattern.test(signature)) return false;
  if (secretKey.length === 0) return false;
  const expected = digest(rawBody, secretKey);
  const received = Buffer.from(signature, 'hex');
  // Lengths are equal by the pattern check; timingSafeEqual would throw otherwise.
  return received.length === expected.length && timingSafeEqual(received, expected);
}
