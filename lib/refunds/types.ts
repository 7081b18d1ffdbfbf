// The refund use case's contract, shared by every entry point (the admin order page's action, the JSON API, the
// automatic-refund job) and the UI that shows refunds. Amounts are integer minor units in the payment's currency.
import type { CurrencyCode, Money } from '../core/money';

export type RefundStatus = 'requested' | 'pending' | 'processing' | 'processed' | 'failed' | 'needs_attention';

/** Who asked: an admin (re-checked against the database), the system (automatic refunds), or Paystack's dashboard. */
export type RefundActor = { kind: 'admin'; userId: string } | { kind: 'system'; reason: string } | { kind: 'external' };

export interface RestockLine {
  variantId: string;
  quantity: number;
  /** Shipped units that came back to the shop (absent: units that never shipped, cancelled by this refund). */
  returnedToStock?: boolean;
}

export interface RequestRefundInput {
  orderId: string;
  /** Minor units; omitted = everything that remains refundable. */
  amount?: number;
  reason: string;
  restock?: RestockLine[];
  actor: RefundActor;
  /** The same key again returns the same refund, whatever state it is in. */
  idempotencyKey: string;
  /**
   * Refund this payment of the order rather than the order's captured one: an automatic refund of a second payment
   * for an order another payment already paid.
   */
  paymentId?: string;
  /**
   * Settles a payment flagged `needs_review` by giving its money back (an admin's "refund" resolution; `paymentId`
   * names it): the payment must still be flagged, its amount becomes what Paystack captured for the shop, and the
   * order's held stock goes back on the shelf — all in the transaction that records the refund.
   */
  flagged?: { captured: number };
}

export interface RefundView {
  id: string;
  orderId: string;
  paymentId: string;
  amount: Money;
  status: RefundStatus;
  reason: string;
  restock: RestockLine[];
  gatewayRefundId: string | null;
  requestedBy: string | null;
  origin: 'admin' | 'system' | 'external';
  failureReason: string | null;
  createdAt: string;
  processedAt: string | null;
}

export type RefundError =
  | { code: 'order_not_found' }
  | { code: 'forbidden' }
  | { code: 'invalid_input'; message: string }
  /** The flagged payment was settled meanwhile (accepted, or already being refunded). */
  | { code: 'payment_not_flagged'; status: string }
  /** No captured payment in a refundable state (paid / partially_refunded). */
  | { code: 'not_refundable'; status: string }
  /** More than what remains: says how much does. */
  | { code: 'refund_exceeds_remaining'; requested: number; remaining: number; currency: CurrencyCode }
  /** The key was used before for a different request. */
  | { code: 'idempotency_key_reused' }
  /** Paystack refused the refund (its words in `message`); nothing was refunded. */
  | { code: 'refund_rejected'; message: string; refund: RefundView }
  /** Paystack could not be reached and did not confirm: the refund stays `requested` and is retried by a job. */
  | { code: 'refund_pending_confirmation'; refund: RefundView };

export type RefundErrorCode = RefundError['code'];

/** One payment on the order's money ledger. */
export interface LedgerPayment {
  paymentId: string;
  reference: string;
  status: string;
  /** What Paystack captured; zero for an attempt that never took money. */
  charged: Money;
  /** Paystack's fee once known (it is not given back when a refund is made). */
  fees: Money | null;
  /** Refunds Paystack has accepted and not failed. */
  refunded: Money;
  paidAt: string | null;
}

/** A dispute on the order's ledger: what the customer disputed, where it stands, and what it cost (`loss`). */
export interface LedgerDispute {
  id: string;
  status: 'awaiting_merchant_feedback' | 'awaiting_bank_feedback' | 'pending' | 'won' | 'lost';
  disputed: Money;
  /** An accepted refund amount (from the moment it was accepted) or a lost dispute's cost; zero while open or when won. */
  loss: Money;
  createdAt: string;
}

/**
 * The money of one order: every capture, every refund with its state, and what the shop is left with. `net` is
 * charged − every refund still going back (requested, pending, processing, needs attention, processed) − what
 * disputes took back: the money the customer has not been promised back. `netAfterFees` also takes off Paystack's known fees.
 */
export interface OrderLedger {
  orderId: string;
  currency: CurrencyCode;
  payments: LedgerPayment[];
  refunds: RefundView[];
  charged: Money;
  fees: Money;
  /** Refunds Paystack has paid out (processed). */
  refunded: Money;
  /** Refunds on their way (requested, pending, processing, needs attention). */
  refundsInProgress: Money;
  disputes: LedgerDispute[];
  /** What disputes took back (accepted or lost). */
  disputeLosses: Money;
  net: Money;
  netAfterFees: Money;
}
