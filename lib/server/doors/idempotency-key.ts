// The Idempotency-Key header of the admin JSON routes that move money or goods: required, printable ASCII (as header
// values are), at most 200 characters; a UUID per request is what clients are asked to send.
import 'server-only';
import { z } from 'zod';
import { apiError } from './route';

const idempotencyKeySchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'Idempotency-Key must be printable ASCII');

/** The key, or the reply refusing the request: 400 when it is missing or malformed. */
export function idempotencyKeyOf(request: Request, missingWords: string): { key: string } | { refusal: Response } {
  const raw = request.headers.get('idempotency-key');
  if (raw === null || raw.trim() === '') return { refusal: apiError('idempotency_key_required', { message: missingWords }) };
  const key = idempotencyKeySchema.safeParse(raw);
  if (!key.success) return { refusal: apiError('invalid_input', { message: 'Idempotency-Key: at most 200 printable characters' }) };
  return { key: key.data };
}
