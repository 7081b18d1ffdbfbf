// Whether anyone paid for an order, asked before its stock is given back (hold expired, or replaced by a newer
// checkout). Network calls happen here, outside any transaction; the release that follows locks the order itself.
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { payments } from '../../db/schema';
import { OPEN_PAYMENT_STATUSES, type PaymentStatus } from './payment-status';
import type { PaystackClient } from './paystack/client';

/** Money already recorded for the order: paid, or paid but flagged for a person to review. */
const RECORDED_AS_PAID = ['paid', 'needs_review'] as const satisfies readonly PaymentStatus[];

/** Whether any of the order's open payment intents was paid at Paystack. */
export async function paymentVerdict(deps: { db: Database; paystack: PaystackClient }, orderId: string): Promise<'paid' | 'unpaid' | 'unknown'> {
  const candidates = await deps.db
    .select({ reference: payments.reference, status: payments.status, authorizationUrl: payments.authorizationUrl })
    .from(payments)
    .where(and(eq(payments.orderId, orderId), inArray(payments.status, [...OPEN_PAYMENT_STATUSES, ...RECORDED_AS_PAID])));
  if (candidates.some((payment) => (RECORDED_AS_PAID as readonly PaymentStatus[]).includes(payment.status))) return 'paid';
  let verdict: 'unpaid' | 'unknown' = 'unpaid';
  // An intent nobody received a URL for cannot have been paid.
  for (const payment of candidates.filter((candidate) => candidate.authorizationUrl)) {
    const reply = await deps.paystack.verifyTransaction(payment.reference);
    if (reply.ok && reply.value.status === 'success') return 'paid';
    if (!reply.ok && !(reply.error.kind === 'rejected' && reply.error.status === 400)) verdict = 'unknown';
  }
  return verdict;
}
