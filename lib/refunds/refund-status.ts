// Refund states and the only transitions allowed between them. `requested` is ours (the row committed before Paystack
// was called); the rest mirror Paystack's refund life: pending → processing → processed | failed | needs-attention.
// Webhooks can arrive in any order and more than once, so a final state (processed, failed) never moves again and a
// late `pending` after `processed` is simply refused. Every write of `refunds.status` goes through
// `transitionRefund` / `tryTransitionRefund`: one UPDATE whose WHERE names the allowed sources, with its audit entry.
import { and, eq, inArray } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { refunds } from '../../db/schema';
import { type AuditActor, recordAudit } from '../audit/record-audit';
import type { RefundStatus as GatewayRefundStatus } from '../payments/paystack/types';
import type { RefundStatus } from './types';

const allowed: Record<RefundStatus, readonly RefundStatus[]> = {
  requested: ['pending', 'processing', 'processed', 'failed', 'needs_attention'],
  pending: ['processing', 'processed', 'failed', 'needs_attention'],
  processing: ['processed', 'failed', 'needs_attention'],
  // Paystack needs something (e.g. the customer's bank details); it then carries on or gives up.
  needs_attention: ['processing', 'processed', 'failed'],
  processed: [],
  failed: [],
};

export const FINAL_REFUND_STATUSES = ['processed', 'failed'] as const satisfies readonly RefundStatus[];

/** Paystack has the refund and has not given up on it: its amount is no longer the shop's to refund again. */
export const ACCEPTED_REFUND_STATUSES = ['pending', 'processing', 'processed', 'needs_attention'] as const satisfies readonly RefundStatus[];

export function canTransitionRefund(from: RefundStatus, to: RefundStatus): boolean {
  return allowed[from].includes(to);
}

export function isFinalRefund(status: RefundStatus): boolean {
  return (FINAL_REFUND_STATUSES as readonly RefundStatus[]).includes(status);
}

export function isAcceptedRefund(status: RefundStatus): boolean {
  return (ACCEPTED_REFUND_STATUSES as readonly RefundStatus[]).includes(status);
}

/** Paystack's refund status in the shop's words. */
export function fromGatewayStatus(status: GatewayRefundStatus): Exclude<RefundStatus, 'requested'> {
  return status === 'needs-attention' ? 'needs_attention' : status;
}

export class IllegalRefundTransition extends Error {
  override name = 'IllegalRefundTransition';
  constructor(
    readonly refundId: string,
    readonly from: RefundStatus | 'unknown',
    readonly to: RefundStatus,
  ) {
    super(`Refund ${refundId} cannot move from ${from} to ${to}`);
  }
}

export interface RefundTransitionOptions {
  actor: AuditActor;
  /** Columns written in the same UPDATE (gateway id, processed time, failure reason, …). */
  extra?: Omit<PgUpdateSetSource<typeof refunds>, 'status'>;
  /** Narrows the sources the table allows, e.g. only a refund still `requested` may take Paystack's first answer. */
  onlyFrom?: readonly RefundStatus[];
  /** Defaults to `refund.<to>`. */
  action?: string;
  before?: unknown;
  metadata?: Record<string, unknown>;
}

/** Moves the refund to `to` if its status allows it; false (nothing written) when it does not — duplicates, late events. */
export async function tryTransitionRefund(db: DbOrTx, refundId: string, to: RefundStatus, options: RefundTransitionOptions): Promise<boolean> {
  const sources = (Object.keys(allowed) as RefundStatus[]).filter(
    (from) => canTransitionRefund(from, to) && (!options.onlyFrom || options.onlyFrom.includes(from)),
  );
  if (sources.length === 0) return false;
  const moved = await db
    .update(refunds)
    .set({ ...options.extra, status: to })
    .where(and(eq(refunds.id, refundId), inArray(refunds.status, sources)))
    .returning({ id: refunds.id });
  if (moved.length === 0) return false;
  await recordAudit(db, {
    actor: options.actor,
    action: options.action ?? `refund.${to}`,
    entityType: 'refund',
    entityId: refundId,
    before: options.before,
    after: { status: to },
    metadata: options.metadata,
  });
  return true;
}

/** Like tryTransitionRefund, for moves that must happen: an illegal one throws IllegalRefundTransition. */
export async function transitionRefund(db: DbOrTx, refundId: string, to: RefundStatus, options: RefundTransitionOptions): Promise<void> {
  if (await tryTransitionRefund(db, refundId, to, options)) return;
  const [current] = await db.select({ status: refunds.status }).from(refunds).where(eq(refunds.id, refundId));
  throw new IllegalRefundTransition(refundId, current?.status ?? 'unknown', to);
}
