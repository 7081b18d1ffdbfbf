// The discount arithmetic and the rules a code must pass, apart from the database: how much a code takes off a
// subtotal, and why a code is refused. Percent codes are whole percents (1–100) of the subtotal, rounded down to the
// kobo; fixed codes take their amount. Either way the discount applies to the items only (never the delivery fee),
// never exceeds the subtotal, and never brings the amount to pay below MIN_PAYABLE_AMOUNT (Paystack charges no zero).
import { formatDateTime } from '../core/format-date';
import { formatMoney, money, type CurrencyCode } from '../core/money';
import { err, ok, type Result } from '../core/result';

/** The least an order may cost after its discount: one naira. */
export const MIN_PAYABLE_AMOUNT = 100;

export type DiscountKind = 'percent' | 'fixed';

/** A code as the rules need it (a row of discount_codes). */
export interface DiscountCodeRule {
  id: string;
  code: string;
  kind: DiscountKind;
  value: number;
  currency: CurrencyCode;
  minSubtotalAmount: number;
  startsAt: Date | null;
  endsAt: Date | null;
  usageLimit: number | null;
  perCustomerLimit: number | null;
  paused: boolean;
}

/** The uses that count (orders placed with the code and not released), in all and by this customer. */
export interface DiscountUses {
  total: number;
  byCustomer: number;
}

export type DiscountRefusal =
  | { reason: 'unknown'; code: string }
  | { reason: 'paused'; code: string }
  | { reason: 'not_started'; code: string; startsAt: Date }
  | { reason: 'expired'; code: string; endsAt: Date }
  | { reason: 'below_minimum'; code: string; minSubtotal: number; subtotal: number; currency: CurrencyCode }
  | { reason: 'used_up'; code: string }
  | { reason: 'already_used'; code: string; perCustomerLimit: number };

export type DiscountRefusalReason = DiscountRefusal['reason'];

/** Codes are letters, digits, `-` and `_`, 3–32 of them; the same code whatever its case. */
export const DISCOUNT_CODE_PATTERN = /^[A-Za-z0-9_-]{3,32}$/;

/** What a shopper typed, tidied: spaces around it dropped. Empty means "no code". */
export const normaliseCouponCode = (typed: string | undefined | null): string | null => {
  const trimmed = (typed ?? '').trim();
  return trimmed === '' ? null : trimmed;
};

/** The amount a code takes off: see the file's opening comment for the rules. */
export function discountAmount(rule: Pick<DiscountCodeRule, 'kind' | 'value'>, subtotal: number, shipping: number): number {
  const raw = rule.kind === 'percent' ? Math.floor((subtotal * rule.value) / 100) : rule.value;
  const mostAllowed = Math.max(0, Math.min(subtotal, subtotal + shipping - MIN_PAYABLE_AMOUNT));
  return Math.max(0, Math.min(raw, mostAllowed));
}

/** Total = subtotal − discount + shipping: the one formula the orders table's CHECK holds too. */
export function orderTotal(parts: { subtotal: number; discount: number; shipping: number }): number {
  return parts.subtotal - parts.discount + parts.shipping;
}

/**
 * Whether the code applies to this order now, and for how much. `now` is the database's clock. The checks run in the
 * order a shopper can act on: a code that does not exist, is paused or out of its window says so before limits.
 */
export function evaluateDiscount(
  rule: DiscountCodeRule | null,
  typed: string,
  order: { subtotal: number; shipping: number; currency: CurrencyCode },
  uses: DiscountUses,
  now: Date,
): Result<{ amount: number }, DiscountRefusal> {
  if (!rule || rule.currency !== order.currency) return err({ reason: 'unknown', code: typed });
  const code = rule.code;
  if (rule.paused) return err({ reason: 'paused', code });
  if (rule.startsAt && rule.startsAt.getTime() > now.getTime()) return err({ reason: 'not_started', code, startsAt: rule.startsAt });
  if (rule.endsAt && rule.endsAt.getTime() <= now.getTime()) return err({ reason: 'expired', code, endsAt: rule.endsAt });
  if (order.subtotal < rule.minSubtotalAmount) {
    return err({ reason: 'below_minimum', code, minSubtotal: rule.minSubtotalAmount, subtotal: order.subtotal, currency: order.currency });
  }
  if (rule.usageLimit !== null && uses.total >= rule.usageLimit) return err({ reason: 'used_up', code });
  if (rule.perCustomerLimit !== null && uses.byCustomer >= rule.perCustomerLimit) {
    return err({ reason: 'already_used', code, perCustomerLimit: rule.perCustomerLimit });
  }
  const amount = discountAmount(rule, order.subtotal, order.shipping);
  if (amount <= 0) return err({ reason: 'below_minimum', code, minSubtotal: rule.minSubtotalAmount, subtotal: order.subtotal, currency: order.currency });
  return ok({ amount });
}

/** The error catalogue's code for each refusal (lib/errors.ts holds their HTTP statuses). */
export const discountErrorCode = {
  unknown: 'discount_unknown',
  paused: 'discount_paused',
  not_started: 'discount_not_started',
  expired: 'discount_expired',
  below_minimum: 'discount_below_minimum',
  used_up: 'discount_used_up',
  already_used: 'discount_already_used',
} as const satisfies Record<DiscountRefusalReason, string>;

/** What the shopper reads, next to the code field and in the Store API's error message. */
export function discountRefusalMessage(refusal: DiscountRefusal): string {
  switch (refusal.reason) {
    case 'unknown':
      return `We don't recognise the code ${refusal.code}. Check it and try again.`;
    case 'paused':
      return `The code ${refusal.code} is not available right now.`;
    case 'not_started':
      return `The code ${refusal.code} can be used from ${formatDateTime(refusal.startsAt)}.`;
    case 'expired':
      return `The code ${refusal.code} expired on ${formatDateTime(refusal.endsAt)}.`;
    case 'below_minimum':
      return `The code ${refusal.code} needs items worth at least ${formatMoney(money(refusal.minSubtotal, refusal.currency))}; yours come to ${formatMoney(money(refusal.subtotal, refusal.currency))}.`;
    case 'used_up':
      return `The code ${refusal.code} has been used as many times as it can be.`;
    case 'already_used':
      return refusal.perCustomerLimit === 1
        ? `You have already used the code ${refusal.code}.`
        : `You have already used the code ${refusal.code} ${refusal.perCustomerLimit} times, as many as one customer can.`;
  }
}

/** Who a use belongs to for the per-customer limit: the account, else the email (lower-cased). */
export const customerKeyOf = (userId: string | null, email: string): string => (userId ? `user:${userId}` : `email:${email.toLowerCase()}`);
