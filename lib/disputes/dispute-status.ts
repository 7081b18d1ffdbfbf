// Dispute states and the only moves between them. The open states mirror Paystack's (awaiting merchant feedback,
// awaiting bank feedback, pending) and may follow each other in any order, as Paystack and the bank pass the dispute
// back and forth; `won` and `lost` are final — a late or repeated event never reopens a resolved dispute. Every write of
// `disputes.status` goes through this module: one guarded UPDATE naming the allowed sources, with its audit entry.
import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { type DisputeStatus, disputes } from '../../db/schema';
import type { AuditActor } from '../audit/record-audit';
import { defineStateMachine, type MoveOptions } from '../state-machine/define-state-machine';

export type { DisputeStatus };

const OPEN = ['awaiting_merchant_feedback', 'awaiting_bank_feedback', 'pending'] as const satisfies readonly DisputeStatus[];
const others = (status: DisputeStatus) => OPEN.filter((open) => open !== status);

const allowed: Record<DisputeStatus, readonly DisputeStatus[]> = {
  awaiting_merchant_feedback: [...others('awaiting_merchant_feedback'), 'won', 'lost'],
  awaiting_bank_feedback: [...others('awaiting_bank_feedback'), 'won', 'lost'],
  pending: [...others('pending'), 'won', 'lost'],
  won: [],
  lost: [],
};

export const OPEN_DISPUTE_STATUSES: readonly DisputeStatus[] = OPEN;
export const FINAL_DISPUTE_STATUSES = ['won', 'lost'] as const satisfies readonly DisputeStatus[];

export const isFinalDispute = (status: DisputeStatus) => (FINAL_DISPUTE_STATUSES as readonly DisputeStatus[]).includes(status);

const machine = defineStateMachine(disputes, { entity: 'dispute', transitions: allowed });

export const canTransitionDispute = (from: DisputeStatus, to: DisputeStatus) => machine.can(from, to);

export interface DisputeMoveOptions extends Omit<MoveOptions<typeof disputes, DisputeStatus>, 'audit'> {
  /** Every dispute move is audited. */
  actor: AuditActor;
  before?: unknown;
  metadata?: Record<string, unknown>;
}

/**
 * Moves the dispute if `where` (its id and any guard, e.g. "no newer snapshot applied") holds and its status allows;
 * true when it moved.
 */
export async function tryTransitionDisputeWhere(db: DbOrTx, where: SQL, to: DisputeStatus, options: DisputeMoveOptions): Promise<boolean> {
  const { actor, before, metadata, ...rest } = options;
  const moved = await machine.moveWhere(db, where, to, { ...rest, audit: { actor, before, metadata } });
  return moved.length > 0;
}
