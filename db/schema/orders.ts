import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgSequence, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, currency, id, minor, tstz, updatedAt } from './_columns';
import { productVariants } from './catalog';
import { users } from './users';

export const orderStatus = pgEnum('order_status', [
  'pending_payment',
  'paid',
  'partially_fulfilled',
  'fulfilled',
  'partially_refunded',
  'refunded',
  'expired',
  'cancelled',
  'paid_needs_attention',
]);
export type OrderStatus = (typeof orderStatus.enumValues)[number];

/** Source of human order numbers (e.g. SO-100042); gaps are fine for orders, unlike invoices. */
export const orderNumberSeq = pgSequence('order_number_seq', { startWith: 100001 });

/** Where the order goes. A pickup order keeps only who collects it (name and phone): no street, city or state. */
export interface ShippingAddress {
  fullName: string;
  phone: string;
  line1?: string;
  line2?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country: string;
}

/**
 * The shop settings in force when the order was placed (lib/settings/), copied onto the order so its emails, invoice
 * and pages say what the shopper was sold even after the settings change. Null on orders placed before settings existed.
 */
export interface OrderSettingsSnapshot {
  settingsVersion: number;
  shop: { name: string; email: string; phone: string; addressLines: string[] };
  delivery: { id: string; label: string; description: string; zone: string | null; feeAmount: number };
  /** VAT rate in basis points (750 = 7.5 %) and whether the catalogue prices already include it. */
  vat: { rateBasisPoints: number; pricesIncludeVat: boolean };
}

export const orders = pgTable(
  'orders',
  {
    id: id(),
    number: text('number').notNull().unique(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    email: text('email').notNull(),
    /**
     * A guest order (user_id null) placed with an address that an account has verified: it joins that account's order
     * history (lib/orders/join-guest-orders.ts) — at the account's verification and at the order's placement, never for
     * an unverified address. user_id stays null, so the guest's own order link keeps working.
     */
    joinedUserId: uuid('joined_user_id').references(() => users.id, { onDelete: 'set null' }),
    status: orderStatus('status').notNull().default('pending_payment'),
    currency: currency(),
    subtotalAmount: minor('subtotal_amount').notNull(),
    shippingAmount: minor('shipping_amount').notNull().default(0),
    /** Taken off the subtotal by a discount code (discount_redemptions holds the use); 0 without one. */
    discountAmount: minor('discount_amount').notNull().default(0),
    /** The code as it was applied, kept for the order's documents even if the code is later changed. */
    discountCode: text('discount_code'),
    /** VAT contained in the total (part of the prices when they include VAT, else the same as tax_added_amount). */
    taxAmount: minor('tax_amount').notNull().default(0),
    /** VAT added on top of subtotal and delivery when prices exclude it; 0 when they include it. */
    taxAddedAmount: minor('tax_added_amount').notNull().default(0),
    totalAmount: minor('total_amount').notNull(),
    refundedAmount: minor('refunded_amount').notNull().default(0),
    deliveryOption: text('delivery_option').notNull(),
    shippingAddress: jsonb('shipping_address').$type<ShippingAddress>().notNull(),
    settingsSnapshot: jsonb('settings_snapshot').$type<OrderSettingsSnapshot>(),
    paidAt: tstz('paid_at'),
    /**
     * The address the order was placed from (lib/server/doors/request-meta.ts), for the cap on open orders per address and
     * the shorter hold of a guest who comes back. Null for orders placed before it was recorded.
     */
    clientAddress: text('client_address'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('orders_user_idx').on(t.userId, t.createdAt),
    index('orders_joined_user_idx').on(t.joinedUserId, t.createdAt),
    check('orders_joined_only_guest_orders', sql`${t.joinedUserId} IS NULL OR ${t.userId} IS NULL`),
    index('orders_client_address_idx').on(t.clientAddress, t.createdAt),
    index('orders_status_idx').on(t.status, t.createdAt),
    index('orders_email_idx').on(t.email),
    check('orders_subtotal_non_negative', sql`${t.subtotalAmount} >= 0`),
    check('orders_shipping_non_negative', sql`${t.shippingAmount} >= 0`),
    check('orders_total_positive', sql`${t.totalAmount} > 0`),
    check('orders_tax_non_negative', sql`${t.taxAmount} >= 0 AND ${t.taxAddedAmount} >= 0 AND ${t.taxAddedAmount} <= ${t.taxAmount}`),
    check('orders_discount_within_subtotal', sql`${t.discountAmount} >= 0 AND ${t.discountAmount} <= ${t.subtotalAmount}`),
    check('orders_discount_has_code', sql`${t.discountAmount} = 0 OR ${t.discountCode} IS NOT NULL`),
    check('orders_total_adds_up', sql`${t.totalAmount} = ${t.subtotalAmount} - ${t.discountAmount} + ${t.shippingAmount} + ${t.taxAddedAmount}`),
    check('orders_refunded_within_total', sql`${t.refundedAmount} >= 0 AND ${t.refundedAmount} <= ${t.totalAmount}`),
  ],
);

/** A line as it was sold: title, SKU and price are snapshots, so later catalogue edits never rewrite history. */
export const orderItems = pgTable(
  'order_items',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => productVariants.id, { onDelete: 'restrict' }),
    productTitle: text('product_title').notNull(),
    variantTitle: text('variant_title').notNull(),
    sku: text('sku').notNull(),
    unitPriceAmount: minor('unit_price_amount').notNull(),
    quantity: integer('quantity').notNull(),
    lineTotalAmount: minor('line_total_amount').notNull(),
    currency: currency(),
    /** Units handed to a carrier so far (the sum of this line's fulfillment lines), moved only by the shipping use case. */
    shippedQuantity: integer('shipped_quantity').notNull().default(0),
  },
  (t) => [
    unique('order_items_order_variant_unique').on(t.orderId, t.variantId),
    check('order_items_quantity_positive', sql`${t.quantity} > 0`),
    check('order_items_unit_price_positive', sql`${t.unitPriceAmount} > 0`),
    check('order_items_line_total', sql`${t.lineTotalAmount} = ${t.unitPriceAmount} * ${t.quantity}`),
    // Never more shipped than sold, whatever races the use case's own check (it decides under the order's lock).
    check('order_items_shipped_within_quantity', sql`${t.shippedQuantity} >= 0 AND ${t.shippedQuantity} <= ${t.quantity}`),
  ],
);
