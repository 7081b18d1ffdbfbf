import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './_columns';
import { orderItems, orders } from './orders';
import { users } from './users';

/**
 * One parcel handed to a carrier: which lines, how many of each, and how the shopper follows it. A record of a fact,
 * written once; the order's status (partially_fulfilled → fulfilled) is what moves, through the order state machine.
 */
export const fulfillments = pgTable(
  'fulfillments',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' }),
    /** 1, 2, … per order: the packing slip's and the shopper's "shipment 2 of 3". */
    sequence: integer('sequence').notNull(),
    carrier: text('carrier').notNull(),
    trackingNumber: text('tracking_number').notNull(),
    /** http(s) only (checked at every door); null when the carrier has no tracking page. */
    trackingUrl: text('tracking_url'),
    /** The caller's key: the same key again is the same fulfillment. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** Hash of what the key asked for, so a key reused for another shipment is refused. */
    requestFingerprint: text('request_fingerprint').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('fulfillments_order_sequence_unique').on(t.orderId, t.sequence),
    index('fulfillments_order_idx').on(t.orderId, t.createdAt),
    check('fulfillments_sequence_positive', sql`${t.sequence} > 0`),
    check('fulfillments_carrier_present', sql`length(${t.carrier}) BETWEEN 1 AND 100`),
    check('fulfillments_tracking_present', sql`length(${t.trackingNumber}) BETWEEN 1 AND 100`),
  ],
);

export const fulfillmentLines = pgTable(
  'fulfillment_lines',
  {
    id: id(),
    fulfillmentId: uuid('fulfillment_id')
      .notNull()
      .references(() => fulfillments.id, { onDelete: 'cascade' }),
    orderItemId: uuid('order_item_id')
      .notNull()
      .references(() => orderItems.id, { onDelete: 'restrict' }),
    quantity: integer('quantity').notNull(),
  },
  (t) => [
    unique('fulfillment_lines_item_unique').on(t.fulfillmentId, t.orderItemId),
    index('fulfillment_lines_item_idx').on(t.orderItemId),
    check('fulfillment_lines_quantity_positive', sql`${t.quantity} > 0`),
  ],
);
