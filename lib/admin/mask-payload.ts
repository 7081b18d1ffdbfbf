// A stored webhook body as an admin sees it: card secrets are already gone when it is stored
// (lib/payments/paystack/redact.ts), and on screen the customer's email and phone are shown only in part — enough to
// match a support request, not enough to copy the contact. Anything still holding a card secret is masked too, in
// case a body was stored before redaction existed. Pure: the page masks before anything reaches the browser.
import { REDACTED } from '../payments/paystack/redact';

const CARD_SECRETS = new Set(['authorization_code', 'signature', 'bin', 'exp_month', 'exp_year', 'account_number']);

/** "ada.obi@example.com" → "ad•••••@example.com"; a value that is not an address is masked whole but its length. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return '•'.repeat(Math.min(value.length, 8));
  const local = value.slice(0, at);
  const keep = local.length <= 2 ? 1 : 2;
  return `${local.slice(0, keep)}${'•'.repeat(Math.max(local.length - keep, 1))}${value.slice(at)}`;
}

/** "+2348031234567" → "+•••••••••4567": every digit but the last four. */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '').length;
  let seen = 0;
  return value.replace(/\d/g, (digit) => {
    seen += 1;
    return seen > digits - 4 ? digit : '•';
  });
}

const isEmailKey = (key: string) => /e-?mail/i.test(key);
const isPhoneKey = (key: string) => /phone|mobile|msisdn/i.test(key);

export function maskPayloadForView(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((inner) => maskPayloadForView(inner, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([innerKey, inner]) => [innerKey, maskPayloadForView(inner, innerKey)]));
  }
  if (value === null || value === undefined || value === '') return value;
  if (CARD_SECRETS.has(key)) return REDACTED;
  if (typeof value !== 'string') return value;
  if (isEmailKey(key) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return maskEmail(value);
  if (isPhoneKey(key)) return maskPhone(value);
  return value;
}
