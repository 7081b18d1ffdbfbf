// Money is an integer in the currency's minor unit (kobo for NGN) plus its currency code, everywhere.
/** The currencies Paystack settles in: the one list every schema, form and wire parser checks against. */
export const CURRENCIES = ['NGN', 'GHS', 'ZAR', 'KES', 'USD'] as const;
export type CurrencyCode = (typeof CURRENCIES)[number];

export const isCurrencyCode = (value: string): value is CurrencyCode => (CURRENCIES as readonly string[]).includes(value);

export interface Money {
  amount: number;
  currency: CurrencyCode;
}

const MINOR_UNITS: Record<CurrencyCode, number> = { NGN: 100, GHS: 100, ZAR: 100, KES: 100, USD: 100 };

const formatters = new Map<string, Intl.NumberFormat>();

/** "₦28,500.00" for { amount: 2850000, currency: 'NGN' }. */
export function formatMoney({ amount, currency }: Money, locale = 'en-NG'): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Money amount must be an integer in minor units, got ${amount}`);
  const key = `${locale}:${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2 });
    formatters.set(key, formatter);
  }
  return formatter.format(amount / MINOR_UNITS[currency]);
}

/** "28500.00" for { amount: 2850000, currency: 'NGN' }: the decimal form machine formats (schema.org) expect. */
export function toDecimalString({ amount, currency }: Money): string {
  const unit = MINOR_UNITS[currency];
  const digits = Math.round(Math.log10(unit));
  const sign = amount < 0 ? '-' : '';
  const whole = Math.floor(Math.abs(amount) / unit);
  const fraction = String(Math.abs(amount) % unit).padStart(digits, '0');
  return `${sign}${whole}.${fraction}`;
}

export function money(amount: number, currency: CurrencyCode = 'NGN'): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Money amount must be an integer in minor units, got ${amount}`);
  return { amount, currency };
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new Error(`Cannot add ${a.currency} to ${b.currency}`);
  return money(a.amount + b.amount, a.currency);
}

export function multiplyMoney(a: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity)) throw new RangeError(`Quantity must be an integer, got ${quantity}`);
  return money(a.amount * quantity, a.currency);
}

/**
 * What a person typed as an amount in major units ("2500", "2,500.5", "₦2,500.50") → minor units, or null when it is
 * not an amount (more decimals than the currency has, letters, a sign). Parsed as text, never through floating point.
 */
export function parseMoneyInput(text: string, currency: CurrencyCode): number | null {
  const digits = Math.round(Math.log10(MINOR_UNITS[currency]));
  const cleaned = text.replace(/[\s,₦]/g, '').replace(new RegExp(`^${currency}`, 'i'), '');
  const match = new RegExp(`^(\\d+)(?:\\.(\\d{0,${digits}}))?$`).exec(cleaned);
  if (!match) return null;
  const minor = Number(match[1]) * MINOR_UNITS[currency] + Number((match[2] ?? '').padEnd(digits, '0') || 0);
  return Number.isSafeInteger(minor) ? minor : null;
}
