// Orders written straight into the database for the admin console's reads (lists, dashboard, CSV export): rows as the
// shop stores them (numbers from the shop's sequence, totals that add up, payments and refunds that satisfy every
// CHECK), without going through checkout — these tests are about finding, counting and exporting orders, not making
// them. Each test tags its orders' emails, so it can find and delete exactly its own rows in the shared database.
import { randomUUID } from 'node:crypto';
import { inArray, like, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orders, payments, refunds } from '../../db/schema';
import type { CurrencyCode } from '../../lib/core/money';
import type { OrderStatus } from '../../lib/orders/order-status';
import type { RefundStatus } from '../../lib/refunds/types';

const address = { fullName: 'Admin Fixture', phone: '08031234567', line1: '1 Marina', city: 'Lagos Island', state: 'Lagos', country: 'NG' };
const SHIPPING = 2_500_00;

/** A tag no other test uses: put it in the emails, search for it, delete by it. */
export const fixtureTag = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

/** Noon of the Lagos day `daysAgo` days before the database's today (0: now). */
const placedAt = (daysAgo: number) =>
  daysAgo === 0 ? sql`now()` : sql`(((now() AT TIME ZONE 'Africa/Lagos')::date - ${daysAgo}::int + time '12:00') AT TIME ZONE 'Africa/Lagos')`;

export interface OrderSpec {
  email: string;
  userId?: string | null;
  status?: OrderStatus;
  /** Minor units, shipping included (₦2,500 of it). */
  total?: number;
  refunded?: number;
  currency?: CurrencyCode;
  /** Placed (and, if paid, paid) at noon this many Lagos days ago; 0 = now. */
  daysAgo?: number;
  /** Defaults to whether the status is one that follows a payment. */
  paid?: boolean;
  /** A payment attempt with this reference; null for none. Default: one generated. */
  reference?: string | null;
  refunds?: Array<{ status: RefundStatus; amount: number; origin?: 'admin' | 'external' }>;
  /** Parts of the delivery address to change (name, phone…); the rest is the fixture's Lagos address. */
  address?: Partial<typeof address>;
  deliveryOption?: 'standard' | 'express' | 'pickup';
}

const FOLLOWS_PAYMENT: readonly OrderStatus[] = ['paid', 'partially_fulfilled', 'fulfilled', 'partially_refunded', 'refunded', 'paid_needs_attention'];

export interface InsertedOrder {
  id: string;
  number: string;
  email: string;
  reference: string | null;
}

/** One order per spec, each with its payment and refunds, in the order given (placed a millisecond apart). */
export async function insertOrders(db: DbOrTx, specs: OrderSpec[]): Promise<InsertedOrder[]> {
  const made: InsertedOrder[] = [];
  for (const spec of specs) {
    const status = spec.status ?? 'paid';
    const total = spec.total ?? 20_000_00;
    const paid = spec.paid ?? FOLLOWS_PAYMENT.includes(status);
    const at = placedAt(spec.daysAgo ?? 0);
    const [order] = await db
      .insert(orders)
      .values({
        number: sql`'SO-' || nextval('order_number_seq')`,
        userId: spec.userId ?? null,
        email: spec.email,
        status,
        currency: spec.currency ?? 'NGN',
        subtotalAmount: total - SHIPPING,
        shippingAmount: SHIPPING,
        totalAmount: total,
        refundedAmount: spec.refunded ?? 0,
        deliveryOption: spec.deliveryOption ?? 'standard',
        shippingAddress: { ...address, ...spec.address },
        paidAt: paid ? at : null,
        createdAt: sql`${at} + ${made.length} * interval '1 millisecond'`,
      })
      .returning({ id: orders.id, number: orders.number, email: orders.email });
    const reference = spec.reference === undefined ? `TXN-FIX${randomUUID().replaceAll('-', '').slice(0, 16)}` : spec.reference;
    if (reference !== null) {
      const [payment] = await db
        .insert(payments)
        .values({
          orderId: order!.id,
          reference,
          amount: total,
          currency: spec.currency ?? 'NGN',
          status: paid ? 'paid' : 'initialized',
          paidAt: paid ? at : null,
          expiresAt: sql`now() + interval '20 minutes'`,
        })
        .returning({ id: payments.id });
      for (const [index, refund] of (spec.refunds ?? []).entries()) {
        const accepted = refund.status !== 'requested' && refund.status !== 'failed';
        await db.insert(refunds).values({
          paymentId: payment!.id,
          orderId: order!.id,
          amount: refund.amount,
          currency: spec.currency ?? 'NGN',
          reason: 'Fixture refund',
          status: refund.status,
          origin: refund.origin ?? 'admin',
          idempotencyKey: refund.origin === 'external' ? null : randomUUID(),
          requestFingerprint: refund.origin === 'external' ? null : 'fixture',
          gatewayRefundId: accepted ? `fixture-${randomUUID()}` : null,
          // Later refunds are later: "a refund started after a failure" is what settles it.
          createdAt: sql`now() + ${index} * interval '1 second'`,
        });
      }
    }
    made.push({ ...order!, reference });
  }
  return made;
}

/**
 * `count` paid orders in one statement (with their payments in a second), emails `<tag>-<n>@example.test`, placed a
 * second apart going back from now: orders 1 … count, newest first.
 */
export async function bulkInsertOrders(db: DbOrTx, tag: string, count: number): Promise<void> {
  await db.execute(sql`
    INSERT INTO orders (number, email, status, currency, subtotal_amount, shipping_amount, total_amount, delivery_option, shipping_address, paid_at, created_at)
    SELECT 'SO-' || nextval('order_number_seq'), ${tag} || '-' || g || '@example.test', 'paid', 'NGN', 10000 * g, ${SHIPPING}, 10000 * g + ${SHIPPING},
      'standard', ${JSON.stringify({ ...address, fullName: `Bulk, "Buyer" ${tag}` })}::jsonb, now() - g * interval '1 second', now() - g * interval '1 second'
    FROM generate_series(1, ${count}::int) AS g
  `);
  await db.execute(sql`
    INSERT INTO payments (order_id, reference, amount, currency, status, paid_at, expires_at)
    SELECT o.id, 'TXN-BULK-' || replace(o.id::text, '-', ''), o.total_amount, o.currency, 'paid', o.paid_at, now()
    FROM orders o WHERE o.email LIKE ${`${tag}-%`}
  `);
}

/** Deletes the tagged orders with their payments and refunds. */
export async function deleteTaggedOrders(db: DbOrTx, tag: string): Promise<void> {
  const ids = db
    .select({ id: orders.id })
    .from(orders)
    .where(like(orders.email, `%${tag}%`));
  await db.delete(refunds).where(inArray(refunds.orderId, ids));
  await db.delete(payments).where(inArray(payments.orderId, ids));
  await db.delete(orders).where(like(orders.email, `%${tag}%`));
}
