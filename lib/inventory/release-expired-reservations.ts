// Gives back stock held by orders whose 15 minutes ran out. Safe to run on many workers at once and alongside a
// payment commit: orders are claimed with FOR UPDATE SKIP LOCKED and only `active` holds move. Before expiring an
// order it asks Paystack whether the shopper paid after all; a paid order is left alone for the webhook (or
// reconciliation) to commit. An order whose payment Paystack reports in progress (a bank transfer or USSD session:
// ongoing, pending, processing, queued) has its hold extended a step at a time instead, up to a bound
// (HOLD_EXTENSION_BOUND_MINUTES past its first deadline); after that it is released like any other.
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
import { extendInProgressOrders, releaseExpiredOrders } from './release-order';

export interface ReleaseSummary {
  /** Orders whose holds were released and which are now `expired`. */
  expiredOrders: string[];
  /** Orders left alone because Paystack says they were paid. */
  paidOrders: string[];
  /** Orders left alone because Paystack could not be asked; retried on the next run. */
  unverifiedOrders: string[];
  /** Orders whose holds got another step because Paystack reports their payment in progress. */
  extendedOrders: string[];
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
  const summary: ReleaseSummary = { expiredOrders: [], paidOrders: [], unverifiedOrders: [], extendedOrders: [] };
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
    const inProgress: string[] = [];
    for (const [orderId, verdict] of verdicts) {
      if (verdict === 'paid') summary.paidOrders.push(orderId);
      else if (verdict === 'unknown') summary.unverifiedOrders.push(orderId);
      else if (verdict === 'in_progress') inProgress.push(orderId);
      else unpaid.push(orderId);
    }
    const extended = await extendInProgressOrders(deps.db, inProgress);
    summary.extendedOrders.push(...extended.orderIds);
    // Past the bound: released as today. Orders a commit holds right now wait for the next run.
    unpaid.push(...extended.locked.filter((orderId) => !extended.orderIds.includes(orderId)));
    const released = await releaseExpiredOrders(deps.db, unpaid);
    summary.expiredOrders.push(...released.orderIds);
    if (due.length < batchSize) break;
  }
  return summary;
}
