// The dispute use cases' contract, shared by the admin dispute page's actions and the tests. Amounts are integer
// minor units in the dispute's currency.
import type { CurrencyCode } from '../core/money';
import type { PaystackClient } from '../payments/paystack/client';
import type { Database } from '../../db/client';

export interface DisputeDeps {
  db: Database;
  paystack: PaystackClient;
}

export type DisputeError =
  | { code: 'not_found' }
  | { code: 'forbidden' }
  | { code: 'invalid_input'; message: string }
  /** Resolved already (won or lost): nothing can be added or answered. */
  | { code: 'dispute_closed'; status: string }
  /** An answer (accept or decline) was already sent for this dispute. */
  | { code: 'dispute_already_answered'; answer: string }
  /** Declining needs evidence first (Paystack weighs the decline by it). */
  | { code: 'dispute_evidence_required' }
  /** Paystack's resolve requires a file uploaded to the dispute (`uploaded_filename`) with every answer, accept or decline. */
  | { code: 'dispute_file_required' }
  /** More than the customer disputed, or than is left of the payment once refunds and other disputes are taken off. */
  | { code: 'refund_exceeds_remaining'; requested: number; remaining: number; currency: CurrencyCode }
  /** Paystack refused (its words); nothing changed. */
  | { code: 'dispute_rejected'; message: string }
  /** Paystack did not answer: the answer may have landed. The dispute follows Paystack's webhook. */
  | { code: 'dispute_pending_confirmation' };
