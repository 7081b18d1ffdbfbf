// Domain types for the Paystack boundary. Callers see these, never Paystack's wire JSON:
// camelCase, money as integer minor units (kobo), dates as Date, statuses as closed unions.
import type { ConfirmedCharge } from '../confirmed-charge';

export const paystackCurrencies = ['NGN', 'GHS', 'ZAR', 'KES', 'USD'] as const;
export type PaystackCurrency = (typeof paystackCurrencies)[number];

/** Every status Paystack documents for a transaction on verify. */
export const transactionStatuses = ['success', 'failed', 'abandoned', 'ongoing', 'pending', 'processing', 'queued', 'reversed'] as const;
export type TransactionStatus = (typeof transactionStatuses)[number];

/** Paystack is still waiting for the money (a bank transfer or USSD session in flight): neither paid nor failed yet. */
export const inProgressTransactionStatuses = ['ongoing', 'pending', 'processing', 'queued'] as const satisfies readonly TransactionStatus[];
export function isInProgressTransaction(status: TransactionStatus): boolean {
  return (inProgressTransactionStatuses as readonly TransactionStatus[]).includes(status);
}

/** Every status Paystack documents for a refund (and its `refund.*` webhooks). */
export const refundStatuses = ['pending', 'processing', 'processed', 'failed', 'needs-attention'] as const;
export type RefundStatus = (typeof refundStatuses)[number];

export type PaystackDomain = 'test' | 'live';

export interface InitializeTransactionInput {
  email: string;
  /** Integer minor units (kobo for NGN). */
  amount: number;
  currency?: PaystackCurrency;
  /** Letters, digits, `-`, `.` and `=` only; Paystack generates one when omitted. */
  reference?: string;
  callbackUrl?: string;
  metadata?: Record<string, unknown>;
  channels?: string[];
}

export interface ChargeAuthorizationInput {
  email: string;
  amount: number;
  currency?: PaystackCurrency;
  reference: string;
  /** The saved card's reusable authorization, just opened from the vault; never logged. */
  authorizationCode: string;
  metadata?: Record<string, unknown>;
}

/** What charging a saved card came to: paid, refused by the bank, or paused for the cardholder (OTP, 3-D Secure). */
export type ChargeAuthorizationResult =
  | { outcome: 'success'; charge: ConfirmedCharge }
  | { outcome: 'failed'; reference: string; reason: string }
  | { outcome: 'paused'; reference: string; status: string; reason: string };

export interface InitializedTransaction {
  authorizationUrl: string;
  accessCode: string;
  reference: string;
}

export interface PaystackCustomer {
  id: number;
  email: string;
  customerCode: string;
  firstName: string | null;
  lastName: string | null;
}

export interface CardAuthorization {
  authorizationCode: string;
  last4: string | null;
  brand: string | null;
  cardType: string | null;
  bank: string | null;
  reusable: boolean;
}

export interface VerifiedTransaction {
  id: number;
  reference: string;
  status: TransactionStatus;
  domain: PaystackDomain;
  amount: number;
  /** What the merchant asked for; differs from `amount` only when the customer paid fees on top. */
  requestedAmount: number;
  currency: PaystackCurrency;
  channel: string | null;
  gatewayResponse: string | null;
  /** Paystack's charge in minor units, once known. */
  fees: number | null;
  paidAt: Date | null;
  createdAt: Date;
  customer: PaystackCustomer;
  authorization: CardAuthorization | null;
  /** Paystack echoes what was sent at initialize; absent metadata comes back as null. */
  metadata: Record<string, unknown> | null;
  /** Set only when the status is `success`: the charge the payment commit takes, mapped exactly like a webhook's. */
  charge: ConfirmedCharge | null;
}

export interface CreateRefundInput {
  /** The transaction's reference or its numeric id. */
  transaction: string | number;
  /** Partial refund in minor units; omitted means whatever remains unrefunded. */
  amount?: number;
  currency?: PaystackCurrency;
  customerNote?: string;
  merchantNote?: string;
}

export interface Refund {
  id: number;
  transactionId: number;
  /** Fetch and list carry it; create answers with the transaction object, whose reference is used. */
  transactionReference: string | null;
  status: RefundStatus;
  domain: PaystackDomain;
  amount: number;
  currency: PaystackCurrency;
  customerNote: string | null;
  merchantNote: string | null;
  refundedAt: Date | null;
  createdAt: Date;
}

export interface ListRefundsQuery {
  page?: number;
  perPage?: number;
  from?: Date;
  to?: Date;
}

export interface RefundPage {
  refunds: Refund[];
  total: number;
  page: number;
  pageCount: number;
}

export interface ListTransactionsQuery {
  page?: number;
  /** Paystack's page size; the simulator (and a cautious caller) keeps it at 100 or less. */
  perPage?: number;
  /** Created at or after. */
  from?: Date;
  /** Created at or before. */
  to?: Date;
  status?: 'success' | 'failed' | 'abandoned' | 'reversed';
}

export interface ListedTransaction {
  id: number;
  reference: string;
  /** A status Paystack documents, or null for one this code does not know (treat as unsettled). */
  status: TransactionStatus | null;
  createdAt: Date;
}

export interface TransactionPage {
  transactions: ListedTransaction[];
  total: number;
  page: number;
  pageCount: number;
}
