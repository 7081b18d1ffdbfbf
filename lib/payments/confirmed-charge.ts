// The domain's view of money Paystack says it took, whichever way we heard of it (webhook, verify, reconciliation).
// The gateway boundary builds it; the payment commit consumes it.

export interface ConfirmedCharge {
  gatewayTransactionId: number;
  reference: string;
  amount: number;
  /** As the gateway reported it, unchecked: a currency other than the order's is a mismatch to flag, not to drop. */
  currency: string;
  domain: 'test' | 'live';
  channel: string | null;
  feesAmount: number | null;
  paidAt: Date | null;
}
