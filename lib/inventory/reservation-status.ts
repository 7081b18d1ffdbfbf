// Hold states and the only transitions allowed between them. A hold is born `active` (checkout) and ends once:
// `committed` when its order is paid, `expired` when its 15 minutes ran out, `released` when the shopper replaced the
// order with a new checkout. A payment that lands late is still honoured from available stock, so an expired or
// released hold may yet become committed. Every write of `inventory_reservations.status` goes through this module
// (the doors test checks it); its callers hold the order's row lock and the holds' locks. Each hold that moves gets
// its own audit entry (`reservation.<to>`, naming its order, variant and quantity), written by the move's statement.
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { inventoryReservations, type reservationStatus } from '../../db/schema';
import { type AuditActor, recordAudit } from '../audit/record-audit';
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

/**
 * How long a hold may be extended past its first deadline while Paystack reports its payment in progress (a bank
 * transfer or USSD session): Paystack's transfer accounts and USSD codes lapse well within this, so after it the
 * money is not coming through that attempt; a late payment is still honoured as any late payment is.
 */
export const HOLD_EXTENSION_BOUND_MINUTES = 120;
/** Each extension moves the deadline this far from now (never past the bound): Paystack is asked again then. */
export const HOLD_EXTENSION_STEP_MINUTES = 15;

/**
 * The orders' lapsed active holds get another step while their payment is in progress at Paystack, never past
 * `extendable_until` (set on the first extension to the first deadline plus the bound). Not a status move: the
 * hold stays `active` and only its deadline moves, guarded like the release (active and lapsed); each hold that moved
 * gets a `reservation.extended` audit entry. The caller holds the orders' row locks. Returns the orders extended;
 * those whose bound has passed are left for the release.
 */
export async function extendReservations(db: DbOrTx, orderIds: readonly string[], actor: AuditActor): Promise<string[]> {
  if (orderIds.length === 0) return [];
  const bound = sql`coalesce(${inventoryReservations.extendableUntil}, ${inventoryReservations.reservedUntil} + make_interval(mins => ${HOLD_EXTENSION_BOUND_MINUTES}))`;
  const moved = await db
    .update(inventoryReservations)
    .set({
      extendableUntil: bound,
      reservedUntil: sql`least(now() + make_interval(mins => ${HOLD_EXTENSION_STEP_MINUTES}), ${bound})`,
    })
    .where(
      and(
        inArray(inventoryReservations.orderId, [...orderIds]),
        eq(inventoryReservations.status, 'active'),
        lt(inventoryReservations.reservedUntil, sql`now()`),
        sql`${bound} > now()`,
      ),
    )
    .returning({
      id: inventoryReservations.id,
      orderId: inventoryReservations.orderId,
      variantId: inventoryReservations.variantId,
      quantity: inventoryReservations.quantity,
      reservedUntil: inventoryReservations.reservedUntil,
      extendableUntil: inventoryReservations.extendableUntil,
    });
  await recordAudit(
    db,
    moved.map((hold) => ({
      actor,
      action: 'reservation.extended',
      entityType: 'reservation' as const,
      entityId: hold.id,
      after: {
        status: 'active',
        orderId: hold.orderId,
        variantId: hold.variantId,
        quantity: hold.quantity,
        reservedUntil: hold.reservedUntil,
        extendableUntil: hold.extendableUntil,
        reason: 'payment in progress at Paystack',
      },
    })),
  );
  return [...new Set(moved.map((hold) => hold.orderId))];
}
