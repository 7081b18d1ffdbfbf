// The domain's view of money Paystack says it took, whichever way we heard of it (webhook, verify, reconciliation).
// The gateway boundary builds it; the payment commit consumes it.

export interface ConfirmedCharge {
  gatewayTransactionId: number;
  reference: string;
  /** What the card was charged: the requested amount plus Paystack's fee when the customer bears the fees. */
  amount: number;
  /**
   * What the shop asked for at initialize (Paystack's `requested_amount`; equal to `amount` unless the customer paid the
   * fees on top). This is what is compared with the payment, and what the shop is paid.
   */
  requestedAmount: number;
  /** As the gateway reported it, unchecked: a currency other than the order's is a mismatch to flag, not to drop. */
  currency: string;
  domain: 'test' | 'live';
  channel: string | null;
  /** Paystack's fee the SHOP bears: its whole fee, less whatever the customer paid on top of the requested amount. */
  feesAmount: number | null;
  paidAt: Date | null;
}
