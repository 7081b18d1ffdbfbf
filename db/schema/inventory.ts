import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz } from './_columns';
import { productVariants } from './catalog';
import { orders } from './orders';

export const reservationStatus = pgEnum('reservation_status', ['active', 'committed', 'released', 'expired']);

/** Phase one of two-phase inventory: units held for an order until payment commits or the hold expires. */
export const inventoryReservations = pgTable(
  'inventory_reservations',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => productVariants.id, { onDelete: 'restrict' }),
    quantity: integer('quantity').notNull(),
    status: reservationStatus('status').notNull().default('active'),
    reservedUntil: tstz('reserved_until').notNull(),
    /**
     * Set the first time the release job extends the hold because Paystack reports its payment in progress (a bank
     * transfer or USSD session): the latest `reserved_until` may ever move to. Null while never extended.
     */
    extendableUntil: tstz('extendable_until'),
    committedAt: tstz('committed_at'),
    releasedAt: tstz('released_at'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('inventory_reservations_order_variant_unique').on(t.orderId, t.variantId),
    // The release job scans only live holds, oldest deadline first.
    index('inventory_reservations_expiry_idx').on(t.reservedUntil).where(sql`${t.status} = 'active'`),
    index('inventory_reservations_variant_idx').on(t.variantId),
    check('inventory_reservations_quantity_positive', sql`${t.quantity} > 0`),
  ],
);
