// Whether an order that ran out unpaid may get its one recovery email. Each "no" is a reason the job logs, so an
// operator can see why a shopper was not reminded. Read-only; the email itself is guarded by sendEmailOnce.
import { and, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { emailOptOuts, orderItems, orders, payments } from '../../db/schema';
import type { OrderStatus } from '../orders/order-status';
import { normaliseEmail } from './recovery-links';

export type RecoverySkipReason =
  | 'order_not_found'
  /** Still pending: its hold has not run out (or the release job has not seen it yet). */
  | 'order_not_expired'
  /** Paid, or money arrived for it at some point (a late payment, one under review). */
  | 'order_paid'
  /** Cancelled orders were replaced by a newer checkout from the same shopper: that one is the live one. */
  | 'order_cancelled'
  | 'purchased_since'
  | 'opted_out'
  | 'no_lines';

/** Orders where the shopper's money arrived: they bought (or are buying) what was in them. */
export const PURCHASED_ORDER_STATUSES = [
  'paid',
  'partially_fulfilled',
  'fulfilled',
  'partially_refunded',
  'refunded',
  'paid_needs_attention',
] as const satisfies readonly OrderStatus[];
const CAPTURED_PAYMENT_STATUSES = ['paid', 'needs_review', 'partially_refunded', 'refunded'] as const;

export interface RecoverableOrder {
  id: string;
  userId: string | null;
  email: string;
  status: OrderStatus;
  createdAt: Date;
}

export async function recoverySkipReason(db: Database, order: RecoverableOrder): Promise<RecoverySkipReason | null> {
  if (order.status === 'cancelled') return 'order_cancelled';
  if ((PURCHASED_ORDER_STATUSES as readonly string[]).includes(order.status)) return 'order_paid';
  if (order.status !== 'expired') return 'order_not_expired';

  const email = normaliseEmail(order.email);
  const [captured, optedOut, boughtSince] = await Promise.all([
    db.$count(payments, and(eq(payments.orderId, order.id), inArray(payments.status, [...CAPTURED_PAYMENT_STATUSES]))),
    db.$count(emailOptOuts, eq(emailOptOuts.email, email)),
    purchasedSince(db, order, email),
  ]);
  if (captured > 0) return 'order_paid';
  if (optedOut > 0) return 'opted_out';
  if (boughtSince) return 'purchased_since';
  return null;
}

/**
 * A later paid order by the same shopper (same address in any letter case, or the same account) that contains any of
 * this order's variants: reminding them of something they have since bought would only confuse them.
 */
async function purchasedSince(db: Database, order: RecoverableOrder, email: string): Promise<boolean> {
  const sameShopper = order.userId ? or(sql`lower(${orders.email}) = ${email}`, eq(orders.userId, order.userId)) : sql`lower(${orders.email}) = ${email}`;
  const thisOrdersVariants = db.select({ variantId: orderItems.variantId }).from(orderItems).where(eq(orderItems.orderId, order.id));
  const [found] = await db
    .select({ id: orders.id })
    .from(orders)
    .innerJoin(orderItems, eq(orderItems.orderId, orders.id))
    .where(
      and(
        sameShopper,
        gt(orders.createdAt, order.createdAt),
        inArray(orders.status, [...PURCHASED_ORDER_STATUSES]),
        inArray(orderItems.variantId, thisOrdersVariants),
      ),
    )
    .limit(1);
  return found !== undefined;
}
