// Against stock hoarding: every unpaid order holds stock, so how many one buyer may hold at once is capped, per email
// and per client address, and a guest who comes back after an unpaid checkout gets a shorter hold. Runs inside the
// order's transaction, under a lock per email and per address, so a burst of simultaneous checkouts cannot slip past
// the cap between the count and the insert.
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';

/** Orders awaiting payment with a live hold, at once: a shopper needs one (two with a second tab or device). */
export const OPEN_ORDER_CAPS = {
  perEmail: 2,
  // Looser than per email: a household, an office or a mobile carrier's NAT shares one address.
  perAddress: 5,
} as const;

/** The usual hold, and the hold of a guest who already let an order go unpaid within the last hour. */
export const HOLD_MINUTES = { first: 15, returningGuest: 10 } as const;
const RETURNING_WINDOW_MINUTES = 60;

export interface OpenOrderGuard {
  email: string;
  clientAddress: string;
}

export interface TooManyOpenOrders {
  code: 'too_many_open_orders';
  /** Which cap was reached. */
  limit: 'email' | 'address';
  /** Until the earliest of the blocking orders' holds ends. */
  retryAfterSeconds: number;
}

/**
 * Takes the email's and the address's locks (always in that order, before any stock row, so two checkouts cannot
 * deadlock), then counts their open orders. Returns the refusal when a cap is reached, else null.
 */
export async function checkOpenOrders(tx: Tx, guard: OpenOrderGuard): Promise<TooManyOpenOrders | null> {
  // Both locks in one statement, always the email's first (the target list is evaluated left to right).
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`open-orders:email:${guard.email}`}, 0)),
    pg_advisory_xact_lock(hashtextextended(${`open-orders:address:${guard.clientAddress}`}, 0))`);
  const rows = (await tx.execute(sql`
    SELECT o.email = ${guard.email} AS by_email, o.client_address = ${guard.clientAddress} AS by_address,
           ceil(extract(epoch FROM max(r.reserved_until) - now()))::int AS seconds_left
    FROM orders o
    JOIN inventory_reservations r ON r.order_id = o.id AND r.status = 'active' AND r.reserved_until > now()
    WHERE o.status = 'pending_payment' AND (o.email = ${guard.email} OR o.client_address = ${guard.clientAddress})
    GROUP BY o.id
  `)) as unknown as Array<{ by_email: boolean; by_address: boolean | null; seconds_left: number }>;

  const refusal = (limit: 'email' | 'address', blocking: typeof rows): TooManyOpenOrders => ({
    code: 'too_many_open_orders',
    limit,
    retryAfterSeconds: Math.max(1, Math.min(...blocking.map((row) => row.seconds_left))),
  });
  const byEmail = rows.filter((row) => row.by_email);
  if (byEmail.length >= OPEN_ORDER_CAPS.perEmail) return refusal('email', byEmail);
  const byAddress = rows.filter((row) => row.by_address);
  if (byAddress.length >= OPEN_ORDER_CAPS.perAddress) return refusal('address', byAddress);
  return null;
}

/**
 * True when this email or address placed an order within the last hour that went unpaid: expired, cancelled (a
 * superseded checkout is cancelled), or awaiting payment with its hold already run out. Such a guest is back to
 * check out again and gets the shorter hold, so re-checking out on a loop cannot keep stock off sale.
 */
export async function isReturningGuest(tx: Tx, guard: OpenOrderGuard): Promise<boolean> {
  const rows = (await tx.execute(sql`
    SELECT 1 FROM orders o
    WHERE (o.email = ${guard.email} OR o.client_address = ${guard.clientAddress})
      AND o.created_at > now() - make_interval(mins => ${RETURNING_WINDOW_MINUTES})
      AND (o.status IN ('expired', 'cancelled')
           OR (o.status = 'pending_payment' AND NOT EXISTS (
             SELECT 1 FROM inventory_reservations r WHERE r.order_id = o.id AND r.status = 'active' AND r.reserved_until > now())))
    LIMIT 1
  `)) as unknown as unknown[];
  return rows.length > 0;
}
