import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifyWebhookSignature } from '../../lib/payments/paystack/signature';

const secretKey = 'sk_test_unit0000000000000000000000000000000';
// Exactly the bytes Paystack would send: compact JSON, key order as Paystack writes it.
const rawBody = '{"event":"charge.success","data":{"id":4200000001,"reference":"TXN-abc","amount":500000,"currency":"NGN"}}';
const signature = createHmac('sha512', secretKey).update(rawBody).digest('hex');

describe('verifyWebhookSignature', () => {
  it('accepts the HMAC-SHA512 hex digest of the raw body under the secret key', () => {
    expect(verifyWebhookSignature(rawBody, signature, secretKey)).toBe(true);
    expect(verifyWebhookSignature(Buffer.from(rawBody), signature, secretKey)).toBe(true);
  });

  it('signs exactly like Paystack, so the simulator and the app agree', () => {
    expect(signWebhookBody(rawBody, secretKey)).toBe(signature);
  });

  it('accepts upper-case hex (the digest is the same bytes)', () => {
    expect(verifyWebhookSignature(rawBody, signature.toUpperCase(), secretKey)).toBe(true);
  });

  const rejected: [name: string, body: string | Buffer, header: string | null | undefined, key?: string][] = [
    ['a tampered body (amount changed)', rawBody.replace('500000', '900000'), signature],
    ['the same JSON re-serialised with indentation', JSON.stringify(JSON.parse(rawBody), null, 2), signature],
    ['the same JSON with a trailing newline', `${rawBody}\n`, signature],
    ['a signature made with another key', rawBody, signWebhookBody(rawBody, 'sk_test_other')],
    ['the right key used for a different body', rawBody, signWebhookBody('{}', secretKey)],
    ['a signature one character short', rawBody, signature.slice(0, -1)],
    ['a signature one character long', rawBody, `${signature}0`],
    ['a SHA-256-length signature', rawBody, createHmac('sha256', secretKey).update(rawBody).digest('hex')],
    ['a base64 signature of the right digest', rawBody, Buffer.from(signature, 'hex').toString('base64')],
    ['a right-length signature that is not hex', rawBody, 'z'.repeat(128)],
    ['a missing header (null)', rawBody, null],
    ['a missing header (undefined)', rawBody, undefined],
    ['an empty header', rawBody, ''],
    ['an empty secret key', rawBody, signWebhookBody(rawBody, ''), ''],
  ];

  it.each(rejected)('rejects %s without throwing', (_name, body, header, key = secretKey) => {
    expect(() => verifyWebhookSignature(body, header, key)).not.toThrow();
    expect(verifyWebhookSignature(body, header, key)).toBe(false);
  });
});
