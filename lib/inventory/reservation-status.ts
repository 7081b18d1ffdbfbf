// Hold states and the only transitions allowed between them. A hold is born `active` (checkout) and ends once:
// `committed` when its order is paid, `expired` when its 15 minutes ran out, `released` when the shopper replaced the
// order with a new checkout. A payment that lands late is still honoured from available stock, so an expired or
// released hold may yet become committed. Every write of `inventory_reservations.status` goes through this module
// (the doors test checks it); its callers hold the order's row lock and the holds' locks. Each hold that moves gets
// its own audit entry (`reservation.<to>`, naming its order, variant and quantity), written by the move's statement.
import type { DbOrTx } from '../../db/client';
import { inventoryReservations, type reservationStatus } from '../../db/schema';
import type { AuditActor } from '../audit/record-audit';
import { defineStateMachine, type MoveOptions } from '../state-machine/define-state-machine';

export type ReservationStatus = (typeof reservationStatus.enumValues)[number];

const allowed: Record<ReservationStatus, readonly ReservationStatus[]> = {
  active: ['committed', 'released', 'expired'],
  expired: ['committed'],
  released: ['committed'],
  committed: [],
};

const machine = defineStateMachine(inventoryReservations, {
  entity: 'reservation',
  transitions: allowed,
});

export function canTransitionReservation(from: ReservationStatus, to: ReservationStatus): boolean {
  return machine.can(from, to);
}

type HoldMoveOptions = Omit<MoveOptions<typeof inventoryReservations, ReservationStatus>, 'audit'>;

export interface Hold {
  id: string;
  orderId: string;
  variantId: string;
  quantity: number;
}

function moveHolds(db: DbOrTx, holds: readonly Hold[], to: ReservationStatus, actor: AuditActor, options: HoldMoveOptions): Promise<string[]> {
  return machine.moveMany(
    db,
    holds.map(({ id, orderId, variantId, quantity }) => ({ id, audit: { actor, after: { status: to, orderId, variantId, quantity } } })),
    to,
    options,
  );
}

/** A paid order's holds become `committed` (a late payment's expired or released ones too); the ids that moved. */
export function commitReservations(db: DbOrTx, holds: readonly Hold[], actor: AuditActor, options: HoldMoveOptions = {}): Promise<string[]> {
  return moveHolds(db, holds, 'committed', actor, options);
}

/** Active holds give their units back: `expired` (the release job) or `released` (a superseded order). */
export function endReservations(
  db: DbOrTx,
  holds: readonly Hold[],
  to: 'expired' | 'released',
  actor: AuditActor,
  options: HoldMoveOptions = {},
): Promise<string[]> {
  return moveHolds(db, holds, to, actor, options);
}
