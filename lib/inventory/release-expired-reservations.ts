// Gives back stock held by orders whose 15 minutes ran out. Safe to run on many workers at once
// and alongside a payment commit: each order is claimed with FOR UPDATE SKIP LOCKED and only `active` holds move.
// Before expiring an order it asks Paystack whether the shopper paid after all; a paid order is left alone for
// the webhook (or reconciliation) to commit.
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Redis } from '@upstash/redis';
import type { Database } from '../../db/client';
import { inventoryReservations } from '../../db/schema';
import type { PaystackClient } from '../payments/paystack/client';
import { paymentVerdict } from '../payments/payment-verdict';
import { redisKeys } from '../redis-keys';
import { releaseOrderHolds } from './release-order';

export interface ReleaseSummary {
  /** Orders whose holds were released and which are now `expired`. */
  expiredOrders: string[];
  /** Products whose availability went up (for cache revalidation). */
  productIds: string[];
  /** Orders left alone because Paystack says they were paid. */
  paidOrders: string[];
  /** Orders left alone because Paystack could not be asked; retried on the next run. */
  unverifiedOrders: string[];
}

export async function releaseExpiredReservations(
  deps: { db: Database; redis?: Redis; paystack: PaystackClient },
  opts: { batchSize?: number } = {},
): Promise<ReleaseSummary> {
  const summary: ReleaseSummary = { expiredOrders: [], productIds: [], paidOrders: [], unverifiedOrders: [] };
  const due = await deps.db
    .selectDistinct({ orderId: inventoryReservations.orderId })
    .from(inventoryReservations)
    .where(and(eq(inventoryReservations.status, 'active'), lt(inventoryReservations.reservedUntil, sql`now()`)))
    .limit(opts.batchSize ?? 100);

  for (const { orderId } of due) {
    const verdict = await paymentVerdict(deps, orderId);
    if (verdict === 'paid') summary.paidOrders.push(orderId);
    else if (verdict === 'unknown') summary.unverifiedOrders.push(orderId);
    else {
      const released = await releaseOrderHolds(deps.db, orderId, {
        expiredOnly: true,
        orderStatus: 'expired',
        reason: 'reservation expired before payment',
        actor: { type: 'job', id: 'release-expired-reservations' },
        action: 'reservation.expired',
      });
      if (released) {
        summary.expiredOrders.push(orderId);
        summary.productIds.push(...released.productIds);
        await deps.redis?.del(redisKeys.reservation(orderId)).catch(() => undefined);
      }
    }
  }
  summary.productIds = [...new Set(summary.productIds)];
  return summary;
}
