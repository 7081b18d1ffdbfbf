// Paystack's JSON shapes for envelopes, errors and transactions, built from the simulator's state. Field lists
// follow the OpenAPI schema VerifyResponse (Paystack's OpenAPI description, PaystackOSS/openapi); refunds are in render-refunds.ts.
import type { SimTransaction } from './store';

export type Domain = 'test' | 'live';

/** Paystack gives every integration a number; one fixed merchant here. */
export const integrationId = 1_100_042;

export const envelope = (message: string, data: unknown, meta?: unknown) =>
  meta === undefined ? { status: true, message, data } : { status: true, message, data, meta };

/** Paystack's error body: `{status:false, message}` plus, on validation errors, `type`, `code` and `meta.nextStep`. */
export function failure(message: string, extra: { type?: string; code?: string; nextStep?: string } = {}) {
  return {
    status: false,
    message,
    ...(extra.nextStep ? { meta: { nextStep: extra.nextStep } } : {}),
    ...(extra.type ? { type: extra.type } : {}),
    ...(extra.code ? { code: extra.code } : {}),
  };
}

export const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function customerJson(tx: SimTransaction) {
  return {
    id: tx.customer.id,
    first_name: null,
    last_name: null,
    email: tx.customer.email,
    customer_code: tx.customer.customerCode,
    phone: null,
    metadata: null,
    risk_action: 'default',
    international_format_phone: null,
  };
}

function authorizationJson(tx: SimTransaction) {
  const card = tx.authorization;
  if (!card) return {};
  return {
    authorization_code: card.authorizationCode,
    bin: card.bin,
    last4: card.last4,
    exp_month: card.expMonth,
    exp_year: card.expYear,
    channel: 'card',
    card_type: 'visa ',
    bank: 'TEST BANK',
    country_code: 'NG',
    brand: 'visa',
    reusable: card.reusable,
    signature: card.signature,
    account_name: null,
    receiver_bank_account_number: null,
    receiver_bank: null,
  };
}

function logJson(tx: SimTransaction) {
  const first = tx.history[0];
  if (!first) return null;
  const last = tx.history[tx.history.length - 1] ?? first;
  return {
    // Paystack: start_time in epoch seconds, history times in seconds since the checkout opened.
    start_time: Math.floor(tx.createdAt.getTime() / 1000) + first.time,
    time_spent: Math.max(0, last.time - first.time),
    attempts: tx.history.filter((entry) => entry.type !== 'action').length,
    errors: tx.history.filter((entry) => entry.type === 'error').length,
    success: tx.status === 'success' || tx.status === 'reversed',
    mobile: false,
    input: [],
    history: tx.history,
  };
}

/** `data` of verify, and of the `charge.success` webhook (Paystack sends the same transaction object). */
export function transactionJson(tx: SimTransaction, domain: Domain) {
  return {
    id: tx.id,
    domain,
    status: tx.status,
    reference: tx.reference,
    receipt_number: null,
    amount: tx.amount,
    message: null,
    gateway_response: tx.gatewayResponse,
    paid_at: iso(tx.paidAt),
    created_at: iso(tx.createdAt),
    channel: 'card',
    currency: tx.currency,
    ip_address: '127.0.0.1',
    // Paystack answers "" when no metadata was sent.
    metadata: tx.metadata ?? '',
    log: logJson(tx),
    fees: tx.fees,
    fees_split: null,
    authorization: authorizationJson(tx),
    customer: customerJson(tx),
    plan: null,
    split: {},
    order_id: null,
    paidAt: iso(tx.paidAt),
    createdAt: iso(tx.createdAt),
    requested_amount: tx.requestedAmount,
    pos_transaction_data: null,
    source: null,
    fees_breakdown: null,
    connect: null,
    transaction_date: iso(tx.createdAt),
    plan_object: {},
    subaccount: {},
  };
}
