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
  /**
   * The card Paystack charged, when it says (webhook `authorization`, verify, charge_authorization). Carries the
   * reusable `authorizationCode`: it may only be kept sealed (lib/cards), never logged, stored plain or returned.
   */
  card?: ChargedCard | null;
  /** The email of the Paystack customer the charge (and so its authorization) belongs to. */
  customerEmail?: string | null;
}

export interface ChargedCard {
  authorizationCode: string;
  /** Paystack's fingerprint of the physical card: the same card charged twice has the same signature. */
  signature: string | null;
  reusable: boolean;
  channel: string | null;
  brand: string | null;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
  bank: string | null;
}
