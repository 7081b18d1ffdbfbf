// Diagram 4 step 8: give back stock held by orders whose 15 minutes ran out. Safe to run on many workers at once
// and alongside a payment commit: each order is claimed with FOR UPDATE SKIP LOCKED and only `active` holds move.
// Before expiring an order it asks Paystack whether the shopper paid after all; a paid order is left alone for
// the webhook (or reconciliation) to commit.
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Redis } from '@upstash/redis';
import type { Database } from '../../db/client';
import { inventoryReservations, orders, payments, productVariants } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { canTransition, transitionOrder } from '../orders/order-status';
import type { PaystackClient } from '../payments/paystack/client';
import { redisKeys } from '../redis-keys';
import { releaseStock } from './stock';

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
      const released = await releaseOrder(deps.db, orderId);
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

/** Whether any of the order's open payment intents was paid at Paystack. Network calls happen outside any transaction. */
async function paymentVerdict(deps: { db: Database; paystack: PaystackClient }, orderId: string): Promise<'paid' | 'unpaid' | 'unknown'> {
  const open = await deps.db
    .select({ reference: payments.reference, status: payments.status, authorizationUrl: payments.authorizationUrl })
    .from(payments)
    .where(and(eq(payments.orderId, orderId), inArray(payments.status, ['initialized', 'pending', 'paid', 'needs_review'])));
  if (open.some((payment) => payment.status === 'paid' || payment.status === 'needs_review')) return 'paid';
  let verdict: 'unpaid' | 'unknown' = 'unpaid';
  // An intent nobody received a URL for cannot have been paid.
  for (const payment of open.filter((candidate) => candidate.authorizationUrl)) {
    const reply = await deps.paystack.verifyTransaction(payment.reference);
    if (reply.ok && reply.value.status === 'success') return 'paid';
    if (!reply.ok && !(reply.error.kind === 'rejected' && reply.error.status === 400)) verdict = 'unknown';
  }
  return verdict;
}

async function releaseOrder(db: Database, orderId: string): Promise<{ productIds: string[] } | undefined> {
  return db.transaction(async (tx) => {
    // The order row first, like the payment commit: whoever holds it decides the order's fate. A payment being
    // committed right now holds it, so the release skips this order and looks again on its next run.
    const [order] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)).for('update', { skipLocked: true });
    if (!order) return undefined;
    const holds = await tx
      .select({
        id: inventoryReservations.id,
        variantId: inventoryReservations.variantId,
        quantity: inventoryReservations.quantity,
        productId: productVariants.productId,
      })
      .from(inventoryReservations)
      .innerJoin(productVariants, eq(productVariants.id, inventoryReservations.variantId))
      .where(
        and(
          eq(inventoryReservations.orderId, orderId),
          eq(inventoryReservations.status, 'active'),
          lt(inventoryReservations.reservedUntil, sql`now()`),
        ),
      )
      .orderBy(asc(inventoryReservations.variantId))
      .for('update', { of: inventoryReservations });
    if (holds.length === 0) return undefined;

    for (const hold of holds) await releaseStock(tx, hold.variantId, hold.quantity);
    await tx
      .update(inventoryReservations)
      .set({ status: 'expired', releasedAt: sql`now()` })
      .where(inArray(inventoryReservations.id, holds.map((hold) => hold.id)));

    if (canTransition(order.status, 'expired')) {
      await transitionOrder(tx, orderId, 'expired');
      await tx
        .update(payments)
        .set({ status: 'abandoned', failureReason: 'reservation expired before payment' })
        .where(and(eq(payments.orderId, orderId), inArray(payments.status, ['initialized', 'pending'])));
    }
    await recordAudit(tx, {
      actor: { type: 'job', id: 'release-expired-reservations' },
      action: 'reservation.expired',
      entityType: 'order',
      entityId: orderId,
      before: { status: order.status },
      after: { status: canTransition(order.status, 'expired') ? 'expired' : order.status, released: holds.map(({ variantId, quantity }) => ({ variantId, quantity })) },
    });
    return { productIds: holds.map((hold) => hold.productId) };
  });
}
