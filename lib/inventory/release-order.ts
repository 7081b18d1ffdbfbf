// Giving an unpaid order's held stock back, for the two reasons an order stops waiting for its payment: its hold
// expired (the release job) or the shopper replaced it with a new checkout (the order is cancelled). Both first ask
// Paystack whether the shopper paid after all, outside any transaction; both lock the order row first, like the
// payment commit, so they serialise with it and never deadlock.
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client';
import { inventoryReservations, orders } from '../../db/schema';
import { type AuditEntry, recordAudit, type AuditActor } from '../audit/record-audit';
import { canTransition, expireOrders, transitionLockedOrder } from '../orders/order-status';
import { abandonOpenPayments } from '../payments/payment-status';
import { enqueue } from '../outbox/enqueue';
import { releaseRedemptions } from '../discounts/release-redemptions';
import { endReservations, extendReservations } from './reservation-status';
import { releaseStock, releaseStockOf } from './stock';

export interface ReleaseMode {
  /** Only holds past their deadline (the release job), or every active hold (a superseded order). */
  expiredOnly: boolean;
  orderStatus: 'expired' | 'cancelled';
  reason: string;
  actor: AuditActor;
  action: 'reservation.expired' | 'order.superseded';
}

/** The orders' active holds (only those past their deadline when `expiredOnly`), locked in variant order. */
function lockActiveHolds(tx: Tx, orderIds: string[], expiredOnly: boolean) {
  return tx
    .select({
      id: inventoryReservations.id,
      orderId: inventoryReservations.orderId,
      variantId: inventoryReservations.variantId,
      quantity: inventoryReservations.quantity,
    })
    .from(inventoryReservations)
    .where(
      and(
        inArray(inventoryReservations.orderId, orderIds),
        eq(inventoryReservations.status, 'active'),
        expiredOnly ? lt(inventoryReservations.reservedUntil, sql`now()`) : undefined,
      ),
    )
    .orderBy(asc(inventoryReservations.variantId))
    .for('update', { of: inventoryReservations });
}

export async function releaseOrderHolds(db: Database, orderId: string, mode: ReleaseMode): Promise<{ released: number } | undefined> {
  return db.transaction(async (tx) => {
    // The order row first, like the payment commit: whoever holds it decides the order's fate. A payment being
    // committed right now holds it, so the release skips this order and looks again on its next run.
    const [order] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)).for('update', { skipLocked: true });
    if (!order) return undefined;
    const holds = await lockActiveHolds(tx, [orderId], mode.expiredOnly);
    if (holds.length === 0) return undefined;

    for (const hold of holds) await releaseStock(tx, hold.variantId, hold.quantity);
    await endReservations(tx, holds, mode.expiredOnly ? 'expired' : 'released', mode.actor, { extra: { releasedAt: sql`now()` } });

    const moved = canTransition(order.status, mode.orderStatus);
    const audit = {
      actor: mode.actor,
      action: mode.action,
      before: { status: order.status },
      after: { status: moved ? mode.orderStatus : order.status, released: holds.map(({ variantId, quantity }) => ({ variantId, quantity })) },
    };
    if (moved) {
      await transitionLockedOrder(tx, { id: orderId, status: order.status }, mode.orderStatus, { audit });
      // The order's row lock keeps new intents out; an intent settled meanwhile is simply skipped.
      await abandonOpenPayments(tx, [orderId], mode.reason);
      // Its discount code's use no longer counts: an abandoned or replaced checkout does not burn a use.
      await releaseRedemptions(tx, [orderId]);
      // An order that ran out unpaid may get one recovery email later (a cancelled one was replaced by a new checkout).
      if (mode.orderStatus === 'expired') await enqueue(tx, [{ event: 'order/expired-unpaid', payload: { orderId }, dedupeKey: orderId }]);
    } else {
      await recordAudit(tx, { ...audit, entityType: 'order', entityId: orderId });
    }
    return { released: holds.length };
  });
}

const EXPIRED: ReleaseMode = {
  expiredOnly: true,
  orderStatus: 'expired',
  reason: 'reservation expired before payment',
  actor: { type: 'job', id: 'release-expired-reservations' },
  action: 'reservation.expired',
};

/**
 * The release job's batch: the same release as releaseOrderHolds(…, expired) for many unpaid orders in one transaction
 * and a fixed number of statements, whatever the batch size. Orders a payment commit holds right now are skipped
 * (SKIP LOCKED) and looked at again on the next run; variant rows are locked in id order, like every other
 * multi-variant writer, so the batch never deadlocks with them.
 */
export async function releaseExpiredOrders(db: Database, orderIds: readonly string[]): Promise<{ orderIds: string[] }> {
  if (orderIds.length === 0) return { orderIds: [] };
  return db.transaction(async (tx) => {
    const locked = await tx
      .select({ id: orders.id, status: orders.status })
      .from(orders)
      .where(inArray(orders.id, [...orderIds]))
      .orderBy(asc(orders.id))
      .for('update', { skipLocked: true });
    if (locked.length === 0) return { orderIds: [] };
    const holds = await lockActiveHolds(
      tx,
      locked.map((order) => order.id),
      true,
    );
    if (holds.length === 0) return { orderIds: [] };

    const units = new Map<string, number>();
    for (const hold of holds) units.set(hold.variantId, (units.get(hold.variantId) ?? 0) + hold.quantity);
    await releaseStockOf(tx, units);
    await endReservations(tx, holds, 'expired', EXPIRED.actor, { extra: { releasedAt: sql`now()` } });

    const released = locked.filter((order) => holds.some((hold) => hold.orderId === order.id));
    // Each released order's audit entry: written by its move when it moves (same statement), on its own otherwise.
    const entries = released.map((order) => {
      const moving = canTransition(order.status, EXPIRED.orderStatus);
      return {
        id: order.id,
        moving,
        audit: {
          actor: EXPIRED.actor,
          action: EXPIRED.action,
          before: { status: order.status },
          after: {
            status: moving ? EXPIRED.orderStatus : order.status,
            released: holds.filter((hold) => hold.orderId === order.id).map(({ variantId, quantity }) => ({ variantId, quantity })),
          },
        },
      };
    });
    const moving = await expireOrders(
      tx,
      entries.filter((entry) => entry.moving),
    );
    if (moving.length > 0) {
      await abandonOpenPayments(tx, moving, EXPIRED.reason);
      await releaseRedemptions(tx, moving);
      await enqueue(
        tx,
        moving.map((orderId) => ({ event: 'order/expired-unpaid' as const, payload: { orderId }, dedupeKey: orderId })),
      );
    }
    const standing: AuditEntry[] = entries.filter((entry) => !entry.moving).map(({ id, audit }) => ({ ...audit, entityType: 'order', entityId: id }));
    if (standing.length > 0) await recordAudit(tx, standing);
    return { orderIds: released.map((order) => order.id) };
  });
}

/**
 * The release job's step for orders whose payment Paystack reports in progress (bank transfer, USSD): their lapsed
 * holds get another step instead of ending, up to the bound (extendReservations). Locks the orders first, like the
 * release and the payment commit; an order a commit holds right now is skipped (SKIP LOCKED). Returns the orders
 * extended: the caller releases the rest as usual (bound passed, or nothing left to extend).
 */
export async function extendInProgressOrders(db: Database, orderIds: readonly string[]): Promise<{ orderIds: string[]; locked: string[] }> {
  if (orderIds.length === 0) return { orderIds: [], locked: [] };
  return db.transaction(async (tx) => {
    const locked = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(inArray(orders.id, [...orderIds]))
      .orderBy(asc(orders.id))
      .for('update', { skipLocked: true });
    const ids = locked.map((order) => order.id);
    return { orderIds: await extendReservations(tx, ids, EXPIRED.actor), locked: ids };
  });
}

/**
 * Every active hold of an order whose money is going back (a flagged payment an admin refunds instead of accepting):
 * the units return to the shelf and the holds end `released`. The caller holds the order's row lock.
 */
export async function releaseHoldsOfRefundedOrder(tx: Tx, orderId: string, actor: AuditActor): Promise<number> {
  const holds = await lockActiveHolds(tx, [orderId], false);
  if (holds.length === 0) return 0;
  for (const hold of holds) await releaseStock(tx, hold.variantId, hold.quantity);
  await endReservations(tx, holds, 'released', actor, { extra: { releasedAt: sql`now()` } });
  return holds.length;
}
