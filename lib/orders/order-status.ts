// Order states and the only transitions allowed between them: pending_payment → paid → partially_fulfilled →
// fulfilled (shipping, lib/fulfillments) → partially_refunded → refunded; pending_payment → expired | cancelled; and
// paid_needs_attention for money received that cannot be honoured. A refund that fails after Paystack accepted it moves
// the order back down, to where its shipments put it. Once money has gone back the refund states win: shipping more of a
// partly refunded order leaves it partially_refunded (its shipments say the rest).
// Every write of `orders.status` goes through this module (the doors test checks it), built on the shared state
// machine, so an illegal move is an error, never a silent overwrite, and each move can carry its audit entry.
import type { DbOrTx } from '../../db/client';
import { orders, type orderStatus } from '../../db/schema';
import { type BatchMove, defineStateMachine, type MoveOptions } from '../state-machine/define-state-machine';

export type OrderStatus = (typeof orderStatus.enumValues)[number];

const allowed: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ['paid', 'expired', 'cancelled', 'paid_needs_attention'],
  paid: ['partially_fulfilled', 'fulfilled', 'partially_refunded', 'refunded'],
  partially_fulfilled: ['fulfilled', 'partially_refunded', 'refunded'],
  fulfilled: ['partially_refunded', 'refunded'],
  // Back to where it stood when every refund Paystack had accepted failed: the customer's money is still with the shop.
  partially_refunded: ['partially_refunded', 'refunded', 'paid', 'partially_fulfilled', 'fulfilled', 'paid_needs_attention'],
  refunded: ['partially_refunded', 'paid', 'partially_fulfilled', 'fulfilled', 'paid_needs_attention'],
  // A payment can still land after the hold expired (late payment): it is honoured or flagged, never lost.
  expired: ['paid', 'paid_needs_attention'],
  cancelled: ['paid_needs_attention'],
  paid_needs_attention: ['paid', 'partially_refunded', 'refunded'],
};

const machine = defineStateMachine(orders, {
  entity: 'order',
  transitions: allowed,
});

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return machine.can(from, to);
}

/** Every status an order may move to `to` from. */
export function statusesThatMayBecome(to: OrderStatus): OrderStatus[] {
  return machine.sourcesOf(to);
}

/** Extra columns written in the same UPDATE and the audit entry (written only when the order moved). */
export type OrderTransitionOptions = MoveOptions<typeof orders, OrderStatus>;

/**
 * For a caller that already holds the order's row lock and read its status (the payment commit): the same rule as
 * transitionOrder without reading the row again.
 */
export function transitionLockedOrder(
  db: DbOrTx,
  order: { id: string; status: OrderStatus },
  to: OrderStatus,
  options: Omit<OrderTransitionOptions, 'onlyFrom'> = {},
): Promise<void> {
  return machine.moveLocked(db, order, to, options);
}

/**
 * Moves an order to `to` if its current status allows it, in one conditional UPDATE (safe under concurrency:
 * the status read and the write are the same statement). Throws IllegalTransition otherwise.
 */
export function transitionOrder(db: DbOrTx, orderId: string, to: OrderStatus, options: OrderTransitionOptions = {}): Promise<void> {
  return machine.move(db, orderId, to, options);
}

/**
 * The release job's batch: these orders (locked by the caller) become `expired` in one statement, each with its own
 * audit entry; returns the ids that moved.
 */
export function expireOrders(db: DbOrTx, moves: readonly BatchMove[]): Promise<string[]> {
  return machine.moveMany(db, moves, 'expired');
}
