// Card data Paystack puts in its events is never stored: `authorization_code` is a reusable token that can charge the
// card again, and the BIN, expiry and signature identify it. What support needs (last 4 digits, brand, bank, channel)
// stays. Applied to every webhook payload before it is written to webhook_events.
const CARD_SECRETS = new Set(['authorization_code', 'signature', 'bin', 'exp_month', 'exp_year', 'account_number']);

export const REDACTED = '[redacted]';

export function redactCardData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactCardData);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, CARD_SECRETS.has(key) && inner != null ? REDACTED : redactCardData(inner)]));
}
