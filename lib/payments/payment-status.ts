// Payment states and the only transitions allowed between them. Every write of `payments.status` goes through
// `transitionPayment` (or `tryTransitionPayment`): one UPDATE whose WHERE names the allowed source states, so reading
// the status and writing it are the same statement (safe under concurrency) and an illegal move never overwrites.
import { and, eq, inArray } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { payments, type paymentStatus } from '../../db/schema';
import { recordAudit, type AuditActor } from '../audit/record-audit';

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

export function canTransitionPayment(from: PaymentStatus, to: PaymentStatus): boolean {
  return allowed[from].includes(to);
}

export function isOpenPayment(status: PaymentStatus): boolean {
  return (OPEN_PAYMENT_STATUSES as readonly PaymentStatus[]).includes(status);
}

export class IllegalPaymentTransition extends Error {
  override name = 'IllegalPaymentTransition';
  constructor(
    readonly paymentId: string,
    readonly from: PaymentStatus | 'unknown',
    readonly to: PaymentStatus,
  ) {
    super(`Payment ${paymentId} cannot move from ${from} to ${to}`);
  }
}

export interface PaymentTransitionOptions {
  /** Columns written in the same UPDATE (gateway id, failure reason, …). */
  extra?: Omit<PgUpdateSetSource<typeof payments>, 'status'>;
  /** Narrows the sources the table allows, e.g. to close only an intent that never got past `initialized`. */
  onlyFrom?: readonly PaymentStatus[];
  /** Recorded only when the row actually moved; no actor, no entry. */
  audit?: {
    actor: AuditActor;
    /** Defaults to `payment.<to>`. */
    action?: string;
    before?: unknown;
    /** Defaults to `{ status: <to> }`. */
    after?: unknown;
    metadata?: Record<string, unknown>;
  };
}

/**
 * Moves the payment to `to` if its current status allows it; false (and nothing written) when it does not — for
 * callers whose move is conditional by nature, like closing an intent that may have been settled meanwhile.
 */
export async function tryTransitionPayment(db: DbOrTx, paymentId: string, to: PaymentStatus, options: PaymentTransitionOptions = {}): Promise<boolean> {
  const sources = (Object.keys(allowed) as PaymentStatus[]).filter(
    (from) => canTransitionPayment(from, to) && (!options.onlyFrom || options.onlyFrom.includes(from)),
  );
  if (sources.length === 0) return false;
  const moved = await db
    .update(payments)
    .set({ ...options.extra, status: to })
    .where(and(eq(payments.id, paymentId), inArray(payments.status, sources)))
    .returning({ id: payments.id });
  if (moved.length === 0) return false;
  const { audit } = options;
  if (audit) {
    await recordAudit(db, {
      actor: audit.actor,
      action: audit.action ?? `payment.${to}`,
      entityType: 'payment',
      entityId: paymentId,
      before: audit.before,
      after: audit.after ?? { status: to },
      metadata: audit.metadata,
    });
  }
  return true;
}

/** The release job's batch: every still-open intent of these orders becomes `abandoned` (the moves the table allows). */
export async function abandonOpenPayments(db: DbOrTx, orderIds: readonly string[], failureReason: string): Promise<void> {
  const sources = OPEN_PAYMENT_STATUSES.filter((from) => canTransitionPayment(from, 'abandoned'));
  if (orderIds.length === 0 || sources.length === 0) return;
  await db
    .update(payments)
    .set({ failureReason, status: 'abandoned' })
    .where(and(inArray(payments.orderId, [...orderIds]), inArray(payments.status, sources)));
}

/** Like tryTransitionPayment, for moves that must happen: an illegal one throws IllegalPaymentTransition. */
export async function transitionPayment(db: DbOrTx, paymentId: string, to: PaymentStatus, options: PaymentTransitionOptions = {}): Promise<void> {
  if (await tryTransitionPayment(db, paymentId, to, options)) return;
  const [current] = await db.select({ status: payments.status }).from(payments).where(eq(payments.id, paymentId));
  throw new IllegalPaymentTransition(paymentId, current?.status ?? 'unknown', to);
}
