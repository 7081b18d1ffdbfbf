// Refund states and the only transitions allowed between them. `requested` is ours (the row committed before Paystack
// was called); the rest mirror Paystack's refund life: pending → processing → processed | failed | needs-attention.
// Webhooks can arrive in any order and more than once, so a final state (processed, failed) never moves again and a
// late `pending` after `processed` is simply refused. Every write of `refunds.status` goes through
// `transitionRefund` / `tryTransitionRefund`: one UPDATE whose WHERE names the allowed sources, with its audit entry.
import type { DbOrTx } from '../../db/client';
import { refunds } from '../../db/schema';
import type { AuditActor } from '../audit/record-audit';
import { defineStateMachine, type MoveOptions } from '../state-machine/define-state-machine';
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
  return machine.can(from, to);
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

const machine = defineStateMachine(refunds, {
  entity: 'refund',
  transitions: allowed,
});

export interface RefundTransitionOptions extends Omit<MoveOptions<typeof refunds, RefundStatus>, 'audit'> {
  /** Every refund move is audited. */
  actor: AuditActor;
  /** Defaults to `refund.<to>`. */
  action?: string;
  before?: unknown;
  metadata?: Record<string, unknown>;
}

function moveOptions({ actor, action, before, metadata, ...rest }: RefundTransitionOptions): MoveOptions<typeof refunds, RefundStatus> {
  return { ...rest, audit: { actor, action, before, metadata } };
}

/** Moves the refund to `to` if its status allows it; false (nothing written) when it does not — duplicates, late events. */
export function tryTransitionRefund(db: DbOrTx, refundId: string, to: RefundStatus, options: RefundTransitionOptions): Promise<boolean> {
  return machine.tryMove(db, refundId, to, moveOptions(options));
}

/** Like tryTransitionRefund, for moves that must happen: an illegal one throws IllegalTransition. */
export function transitionRefund(db: DbOrTx, refundId: string, to: RefundStatus, options: RefundTransitionOptions): Promise<void> {
  return machine.move(db, refundId, to, moveOptions(options));
}
