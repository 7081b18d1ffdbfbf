// Paystack's refund JSON: RefundFetchResponse, RefundCreateResponse (Paystack's OpenAPI description, PaystackOSS/openapi) and the
// data of `refund.*` webhooks.
import { customerJson, integrationId, iso, type Domain } from './render';
import type { SimRefund, SimTransaction } from './store';

const refundedBy = 'api@merchant.test';

/** `data` of GET /refund/:id and each item of GET /refund. */
export function refundJson(refund: SimRefund, tx: SimTransaction, domain: Domain) {
  return {
    integration: integrationId,
    transaction: tx.id,
    dispute: null,
    settlement: null,
    id: refund.id,
    domain,
    currency: refund.currency,
    amount: refund.amount,
    status: refund.status,
    refunded_at: iso(refund.refundedAt),
    refunded_by: refundedBy,
    customer_note: refund.customerNote,
    merchant_note: refund.merchantNote,
    deducted_amount: refund.amount,
    fully_deducted: 1,
    createdAt: iso(refund.createdAt),
    bank_reference: refund.bankReference,
    transaction_reference: tx.reference,
    reason: refund.merchantNote,
    customer: { ...customerJson(tx), first_name: '', last_name: '', phone: null, metadata: '' },
    refund_type: refund.amount === tx.amount ? 'full' : 'partial',
    transaction_amount: tx.amount,
    initiated_by: refundedBy,
    refund_channel: 'card',
    session_id: null,
    collect_account_number: false,
  };
}

/** `data` of POST /refund: the transaction is embedded instead of referenced by id. */
export function refundCreatedJson(refund: SimRefund, tx: SimTransaction, domain: Domain) {
  return {
    transaction: {
      id: tx.id,
      domain,
      reference: tx.reference,
      amount: tx.amount,
      paid_at: iso(tx.paidAt),
      channel: 'card',
      currency: tx.currency,
      authorization: { exp_month: null, exp_year: null, account_name: null },
      customer: { international_format_phone: null },
      plan: {},
      subaccount: { currency: null },
      split: {},
      order_id: null,
      paidAt: iso(tx.paidAt),
      pos_transaction_data: null,
      source: null,
      fees_breakdown: null,
    },
    integration: integrationId,
    deducted_amount: refund.amount,
    channel: null,
    merchant_note: refund.merchantNote,
    customer_note: refund.customerNote,
    status: refund.status,
    refunded_by: refundedBy,
    expected_at: iso(refund.expectedAt),
    currency: refund.currency,
    domain,
    amount: refund.amount,
    fully_deducted: true,
    id: refund.id,
    createdAt: iso(refund.createdAt),
    updatedAt: iso(refund.updatedAt),
  };
}

/** `data` of `refund.pending` / `refund.processed` / `refund.failed` webhooks (Paystack's Refunds guide). */
export function refundEventJson(refund: SimRefund, tx: SimTransaction, domain: Domain) {
  return {
    status: refund.status,
    id: refund.id,
    transaction_reference: tx.reference,
    refund_reference: refund.bankReference,
    amount: refund.amount,
    currency: refund.currency,
    processor: 'card',
    customer: { first_name: null, last_name: null, email: tx.customer.email },
    integration: integrationId,
    domain,
  };
}
