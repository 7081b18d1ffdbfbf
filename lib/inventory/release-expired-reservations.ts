// Gives back stock held by orders whose 15 minutes ran out. Safe to run on many workers at once and alongside a
// payment commit: orders are claimed with FOR UPDATE SKIP LOCKED and only `active` holds move. Before expiring an
// order it asks Paystack whether the shopper paid after all; a paid order is left alone for the webhook (or
// reconciliation) to commit.
//
// It works through everything due in batches (a flash sale's abandoned carts all run out in the same minute): each
// batch is one query for the due orders, one for their payment intents, Paystack asked `verifyConcurrency` at a time,
// and one release transaction of a fixed number of statements. It stops when nothing is due or its time budget is
// spent (the next run carries on), so one run never overlaps the next.
import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { inventoryReservations } from '../../db/schema';
import type { PaystackClient } from '../payments/paystack/client';
import { orderVerdicts } from '../payments/ask-paystack';
import { releaseExpiredOrders } from './release-order';

export interface ReleaseSummary {
  /** Orders whose holds were released and which are now `expired`. */
  expiredOrders: string[];
  /** Orders left alone because Paystack says they were paid. */
  paidOrders: string[];
  /** Orders left alone because Paystack could not be asked; retried on the next run. */
  unverifiedOrders: string[];
}

export interface ReleaseOptions {
  /** Orders per batch (one release transaction each). */
  batchSize?: number;
  /** Paystack verifications in flight at once. */
  verifyConcurrency?: number;
  /** Stop starting new batches after this long; what is left is due on the next run. */
  timeBudgetMs?: number;
}

export async function releaseExpiredReservations(deps: { db: Database; paystack: PaystackClient }, opts: ReleaseOptions = {}): Promise<ReleaseSummary> {
  const { batchSize = 500, verifyConcurrency = 16, timeBudgetMs = 45_000 } = opts;
  const summary: ReleaseSummary = { expiredOrders: [], paidOrders: [], unverifiedOrders: [] };
  const stopAt = Date.now() + timeBudgetMs;
  // Each due order is visited once per run, in id order: a paid, unverified or locked one is not looked at again
  // until the next run.
  let after: string | undefined;
  while (Date.now() < stopAt) {
    const due = await deps.db
      .selectDistinct({ orderId: inventoryReservations.orderId })
      .from(inventoryReservations)
      .where(
        and(
          eq(inventoryReservations.status, 'active'),
          lt(inventoryReservations.reservedUntil, sql`now()`),
          after ? gt(inventoryReservations.orderId, after) : undefined,
        ),
      )
      .orderBy(asc(inventoryReservations.orderId))
      .limit(batchSize);
    const last = due.at(-1);
    if (!last) break;
    after = last.orderId;

    const verdicts = await orderVerdicts(
      deps,
      due.map((row) => row.orderId),
      { concurrency: verifyConcurrency },
    );
    const unpaid: string[] = [];
    for (const [orderId, verdict] of verdicts) {
      if (verdict === 'paid') summary.paidOrders.push(orderId);
      else if (verdict === 'unknown') summary.unverifiedOrders.push(orderId);
      else unpaid.push(orderId);
    }
    const released = await releaseExpiredOrders(deps.db, unpaid);
    summary.expiredOrders.push(...released.orderIds);
    if (due.length < batchSize) break;
  }
  return summary;
}
