// Wire → domain: the only place that knows Paystack's field names.
import type { ChargedCard, ConfirmedCharge } from '../confirmed-charge';
import type { ChargeAuthorizationResult, Refund, VerifiedTransaction } from './types';
import type { WireAuthorization, WireChargeAuthorization, WireRefund, WireVerifiedTransaction } from './wire';

/** The transaction fields a confirmed charge is made of. Webhook `data` and verify `data` both carry them. */
export interface WireChargeFields {
  id: number;
  reference: string;
  amount: number;
  /** Absent from some payloads: then the charge is what was asked. */
  requested_amount?: number | null;
  currency: string;
  domain: 'test' | 'live';
  channel?: string | null;
  fees?: number | null;
  /** A string in webhooks, already a Date once the verify reply is parsed. */
  paid_at?: string | Date | null;
  authorization?: WireAuthorization | null;
  customer?: { email: string } | null;
}

/** The card behind a charge, or null when Paystack named none (a transfer, USSD, an empty `{}`). */
export function toChargedCard(wire: WireAuthorization | null | undefined): ChargedCard | null {
  if (!wire?.authorization_code) return null;
  return {
    authorizationCode: wire.authorization_code,
    signature: wire.signature ?? null,
    reusable: wire.reusable ?? false,
    channel: wire.channel ?? null,
    brand: wire.brand ?? null,
    last4: wire.last4 ?? null,
    expMonth: wire.exp_month ?? null,
    expYear: wire.exp_year ?? null,
    bank: wire.bank ?? null,
  };
}

/** The one mapping from a Paystack charge to the domain's ConfirmedCharge, so webhook and verify commit the same facts. */
export function toConfirmedCharge(wire: WireChargeFields): ConfirmedCharge {
  const requestedAmount = wire.requested_amount ?? wire.amount;
  // With "customer bears the fees", Paystack charges requested + fee (`amount`) and settles the requested amount: the
  // part of its fee the customer paid on top is not the shop's cost.
  const paidOnTop = Math.max(0, wire.amount - requestedAmount);
  return {
    gatewayTransactionId: wire.id,
    reference: wire.reference,
    amount: wire.amount,
    requestedAmount,
    currency: wire.currency,
    domain: wire.domain,
    channel: wire.channel ?? null,
    feesAmount: wire.fees === null || wire.fees === undefined ? null : Math.max(0, wire.fees - paidOnTop),
    paidAt: wire.paid_at ? new Date(wire.paid_at) : null,
    card: toChargedCard(wire.authorization),
    customerEmail: wire.customer?.email ?? null,
  };
}

/** Paystack's answer to charge_authorization: paid (a charge the commit takes), refused, or waiting on the cardholder. */
export function toChargeAuthorizationResult(wire: WireChargeAuthorization): ChargeAuthorizationResult {
  const reason = wire.gateway_response || wire.message || wire.status;
  if (wire.status === 'success') {
    return { outcome: 'success', charge: toConfirmedCharge({ ...wire, paid_at: wire.paid_at ?? wire.transaction_date ?? null }) };
  }
  if (wire.status === 'failed') return { outcome: 'failed', reference: wire.reference, reason };
  return { outcome: 'paused', reference: wire.reference, status: wire.status, reason };
}

/** Paystack echoes metadata as sent: an object, a JSON string, or an empty marker (`""`, `0`, null). */
export function normaliseMetadata(value: unknown): Record<string, unknown> | null {
  if (typeof value === 'string' && value.trim().startsWith('{')) {
    try {
      return normaliseMetadata(JSON.parse(value));
    } catch {
      return null;
    }
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  return null;
}

export function toVerifiedTransaction(wire: WireVerifiedTransaction): VerifiedTransaction {
  const authorization = wire.authorization;
  return {
    id: wire.id,
    reference: wire.reference,
    status: wire.status,
    domain: wire.domain,
    amount: wire.amount,
    requestedAmount: wire.requested_amount ?? wire.amount,
    currency: wire.currency,
    channel: wire.channel ?? null,
    gatewayResponse: wire.gateway_response ?? null,
    fees: wire.fees ?? null,
    paidAt: wire.paid_at ?? null,
    createdAt: wire.created_at,
    customer: {
      id: wire.customer.id,
      email: wire.customer.email,
      customerCode: wire.customer.customer_code,
      firstName: wire.customer.first_name ?? null,
      lastName: wire.customer.last_name ?? null,
    },
    authorization: authorization?.authorization_code
      ? {
          authorizationCode: authorization.authorization_code,
          last4: authorization.last4 ?? null,
          brand: authorization.brand ?? null,
          cardType: authorization.card_type ?? null,
          bank: authorization.bank ?? null,
          reusable: authorization.reusable ?? false,
        }
      : null,
    metadata: normaliseMetadata(wire.metadata),
    charge: wire.status === 'success' ? toConfirmedCharge(wire) : null,
  };
}

export function toRefund(wire: WireRefund): Refund {
  const transaction = wire.transaction;
  return {
    id: wire.id,
    transactionId: typeof transaction === 'number' ? transaction : transaction.id,
    transactionReference: wire.transaction_reference ?? (typeof transaction === 'number' ? null : transaction.reference),
    status: wire.status,
    domain: wire.domain,
    amount: wire.amount,
    currency: wire.currency,
    customerNote: wire.customer_note ?? null,
    merchantNote: wire.merchant_note ?? null,
    refundedAt: wire.refunded_at ?? null,
    createdAt: wire.createdAt,
  };
}
