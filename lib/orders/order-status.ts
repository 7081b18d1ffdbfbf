// Order states and the only transitions allowed between them: pending_payment → paid → (fulfilled) →
// partially_refunded → refunded; pending_payment → expired | cancelled; and paid_needs_attention for money received
// that cannot be honoured. A refund that fails after Paystack accepted it moves the order back down.
// Every status change goes through `transitionOrder`, so an illegal move is an error, never a silent overwrite.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orders, type orderStatus } from '../../db/schema';

export type OrderStatus = (typeof orderStatus.enumValues)[number];

const allowed: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ['paid', 'expired', 'cancelled', 'paid_needs_attention'],
  paid: ['fulfilled', 'partially_refunded', 'refunded'],
  fulfilled: ['partially_refunded', 'refunded'],
  // Back to where it stood when every refund Paystack had accepted failed: the customer's money is still with the shop.
  partially_refunded: ['partially_refunded', 'refunded', 'paid', 'fulfilled', 'paid_needs_attention'],
  refunded: ['partially_refunded', 'paid', 'fulfilled', 'paid_needs_attention'],
  // A payment can still land after the hold expired (late payment): it is honoured or flagged, never lost.
  expired: ['paid', 'paid_needs_attention'],
  cancelled: ['paid_needs_attention'],
  paid_needs_attention: ['paid', 'partially_refunded', 'refunded'],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return allowed[from].includes(to);
}

/**
 * For a caller that already holds the order's row lock and read its status (the payment commit): the same rule as
 * transitionOrder without reading the row again.
 */
export async function transitionLockedOrder(
  db: DbOrTx,
  order: { id: string; status: OrderStatus },
  to: OrderStatus,
  extra: Partial<typeof orders.$inferInsert> = {},
): Promise<void> {
  if (!canTransition(order.status, to)) throw new IllegalOrderTransition(order.id, order.status, to);
  await db
    .update(orders)
    .set({ ...extra, status: to })
    .where(and(eq(orders.id, order.id), eq(orders.status, order.status)));
}

/** Every status an order may move to `to` from. */
export function statusesThatMayBecome(to: OrderStatus): OrderStatus[] {
  return (Object.keys(allowed) as OrderStatus[]).filter((from) => canTransition(from, to));
}

export class IllegalOrderTransition extends Error {
  override name = 'IllegalOrderTransition';
  constructor(
    readonly orderId: string,
    readonly from: OrderStatus | 'unknown',
    readonly to: OrderStatus,
  ) {
    super(`Order ${orderId} cannot move from ${from} to ${to}`);
  }
}

/**
 * Moves an order to `to` if its current status allows it, in one conditional UPDATE (safe under concurrency:
 * the status read and the write are the same statement). Throws IllegalOrderTransition otherwise.
 */
export async function transitionOrder(
  db: DbOrTx,
  orderId: string,
  to: OrderStatus,
  extra: Partial<typeof orders.$inferInsert> = {},
): Promise<{ from: OrderStatus }> {
  const sources = statusesThatMayBecome(to);
  const [current] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)).for('update');
  if (!current || !sources.includes(current.status)) {
    throw new IllegalOrderTransition(orderId, current?.status ?? 'unknown', to);
  }
  await db
    .update(orders)
    .set({ ...extra, status: to })
    .where(and(eq(orders.id, orderId), inArray(orders.status, sources)));
  return { from: current.status };
}
