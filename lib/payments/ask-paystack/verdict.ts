// An ORDER'S VERDICT: whether anyone paid for an order, asked before its stock is given back (hold expired, or
// replaced by a newer checkout); nothing is committed or closed here. Network calls happen here, outside any transaction; the release that follows locks the order itself.
import { and, inArray } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { payments } from '../../../db/schema';
import { OPEN_PAYMENT_STATUSES, type PaymentStatus } from '../payment-status';
import type { PaystackClient } from '../paystack/client';
import { isInProgressTransaction, type TransactionStatus } from '../paystack/types';

/** Money already recorded for the order: paid, or paid but flagged for a person to review. */
const RECORDED_AS_PAID = ['paid', 'needs_review'] as const satisfies readonly PaymentStatus[];

/** `in_progress`: Paystack is still waiting for a bank transfer or USSD payment (ongoing, pending, processing, queued). */
export type OrderVerdict = 'paid' | 'in_progress' | 'unpaid' | 'unknown';

/** Whether any of the order's open payment intents was paid at Paystack. */
export async function orderVerdict(deps: { db: Database; paystack: PaystackClient }, orderId: string): Promise<OrderVerdict> {
  return (await orderVerdicts(deps, [orderId])).get(orderId) ?? 'unpaid';
}

/**
 * The verdict for many orders at once (the release job's batches): one query for their intents, then Paystack is asked
 * about every intent a shopper received a URL for, `concurrency` at a time. An order is paid if any intent is, unknown
 * if any could not be asked, in progress if Paystack is still waiting for the money of any, else unpaid.
 *
 * `listed`: statuses from Paystack's transaction list (listed-statuses.ts), taken after every one of these orders'
 * holds had run out. An intent the listing shows with a known status is settled by it, exactly as a verify giving that
 * status would; only the others are verified one by one.
 */
export async function orderVerdicts(
  deps: { db: Database; paystack: PaystackClient },
  orderIds: readonly string[],
  opts: { concurrency?: number; listed?: ReadonlyMap<string, TransactionStatus | null> } = {},
): Promise<Map<string, OrderVerdict>> {
  const verdicts = new Map<string, OrderVerdict>(orderIds.map((id) => [id, 'unpaid']));
  if (orderIds.length === 0) return verdicts;
  const candidates = await deps.db
    .select({ orderId: payments.orderId, reference: payments.reference, status: payments.status, authorizationUrl: payments.authorizationUrl })
    .from(payments)
    .where(and(inArray(payments.orderId, [...orderIds]), inArray(payments.status, [...OPEN_PAYMENT_STATUSES, ...RECORDED_AS_PAID])));
  for (const payment of candidates) {
    if ((RECORDED_AS_PAID as readonly PaymentStatus[]).includes(payment.status)) verdicts.set(payment.orderId, 'paid');
  }
  // An intent nobody received a URL for cannot have been paid.
  const withUrl = candidates.filter((payment) => payment.authorizationUrl && verdicts.get(payment.orderId) !== 'paid');
  const toAsk: typeof withUrl = [];
  for (const payment of withUrl) {
    const status = opts.listed?.get(payment.reference);
    if (status === undefined || status === null) toAsk.push(payment);
    else settle(verdicts, payment.orderId, status);
  }
  let next = 0;
  const ask = async () => {
    for (let payment = toAsk[next++]; payment; payment = toAsk[next++]) {
      if (verdicts.get(payment.orderId) === 'paid') continue;
      const reply = await deps.paystack.verifyTransaction(payment.reference);
      if (reply.ok) settle(verdicts, payment.orderId, reply.value.status);
      else if (!(reply.error.kind === 'rejected' && reply.error.status === 400) && verdicts.get(payment.orderId) !== 'paid') {
        verdicts.set(payment.orderId, 'unknown');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 1, toAsk.length) }, ask));
  return verdicts;
}

/** One intent's status folded into its order's verdict: paid wins, then unknown, then in progress, then unpaid. */
function settle(verdicts: Map<string, OrderVerdict>, orderId: string, status: TransactionStatus): void {
  if (status === 'success') verdicts.set(orderId, 'paid');
  else if (isInProgressTransaction(status) && verdicts.get(orderId) === 'unpaid') verdicts.set(orderId, 'in_progress');
}
