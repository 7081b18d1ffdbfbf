// Payment states and the only transitions allowed between them. Every write of `payments.status` goes through this
// module (the doors test checks it), built on the shared state machine: one UPDATE whose WHERE names the allowed source
// states, with its audit entry in the same statement.
import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { payments, type paymentStatus } from '../../db/schema';
import { defineStateMachine, type MoveOptions } from '../state-machine/define-state-machine';

export type PaymentStatus = (typeof paymentStatus.enumValues)[number];

/** An intent that is still live: Paystack may yet report it paid, failed or abandoned. */
export const OPEN_PAYMENT_STATUSES = ['initialized', 'pending'] as const satisfies readonly PaymentStatus[];

/**
 * Where a confirmed charge may still land. Closed attempts count: Paystack can take the money on an old link after we
 * marked it failed or abandoned, and money that arrived is recorded, never ignored.
 */
export const CHARGEABLE_PAYMENT_STATUSES = [...OPEN_PAYMENT_STATUSES, 'failed', 'abandoned'] as const satisfies readonly PaymentStatus[];

const allowed: Record<PaymentStatus, readonly PaymentStatus[]> = {
  initialized: ['pending', 'paid', 'failed', 'abandoned', 'needs_review'],
  pending: ['paid', 'failed', 'abandoned', 'needs_review'],
  failed: ['paid', 'needs_review'],
  abandoned: ['paid', 'needs_review'],
  paid: ['partially_refunded', 'refunded'],
  // A person settles a flagged charge: it stands, or the money goes back.
  needs_review: ['paid', 'partially_refunded', 'refunded'],
  // Back down only when a refund Paystack had accepted fails: the money stays with the shop after all.
  partially_refunded: ['partially_refunded', 'refunded', 'paid', 'needs_review'],
  refunded: ['partially_refunded', 'paid', 'needs_review'],
};

const machine = defineStateMachine(payments, {
  entity: 'payment',
  transitions: allowed,
});

export function canTransitionPayment(from: PaymentStatus, to: PaymentStatus): boolean {
  return machine.can(from, to);
}

export function isOpenPayment(status: PaymentStatus): boolean {
  return (OPEN_PAYMENT_STATUSES as readonly PaymentStatus[]).includes(status);
}

/** Extra columns, `onlyFrom` narrowing and an audit entry (defaults to `payment.<to>`, written only when the row moved). */
export type PaymentTransitionOptions = MoveOptions<typeof payments, PaymentStatus>;

/**
 * Moves the payment to `to` if its current status allows it; false (and nothing written) when it does not — for
 * callers whose move is conditional by nature, like closing an intent that may have been settled meanwhile.
 */
export function tryTransitionPayment(db: DbOrTx, paymentId: string, to: PaymentStatus, options: PaymentTransitionOptions = {}): Promise<boolean> {
  return machine.tryMove(db, paymentId, to, options);
}

/** Like tryTransitionPayment, for moves that must happen: an illegal one throws IllegalTransition. */
export function transitionPayment(db: DbOrTx, paymentId: string, to: PaymentStatus, options: PaymentTransitionOptions = {}): Promise<void> {
  return machine.move(db, paymentId, to, options);
}

/**
 * The release job's batch: every still-open intent of these orders becomes `abandoned` (the moves the table allows).
 * Its callers asked Paystack first and heard "not paid", so each intent's last-checked clock starts now.
 */
export async function abandonOpenPayments(db: DbOrTx, orderIds: readonly string[], failureReason: string): Promise<void> {
  if (orderIds.length === 0) return;
  await machine.moveWhere(db, inArray(payments.orderId, [...orderIds]), 'abandoned', {
    onlyFrom: OPEN_PAYMENT_STATUSES,
    extra: { failureReason, lastCheckedAt: sql`now()` },
  });
}
