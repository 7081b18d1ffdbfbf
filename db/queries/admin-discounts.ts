// The discount codes for the admin list: each with its uses (orders placed with it whose use still counts, paid or
// awaiting payment), the orders paid with it, the discount those paid orders got, and the revenue they brought
// (what was paid, less what went back in refunds).
import { desc, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { discountCodes, discountRedemptions, orders } from '../schema';
import type { CurrencyCode } from '../../lib/core/money';

export interface AdminDiscountRow {
  id: string;
  code: string;
  kind: 'percent' | 'fixed';
  value: number;
  currency: CurrencyCode;
  minSubtotalAmount: number;
  startsAt: Date | null;
  endsAt: Date | null;
  usageLimit: number | null;
  perCustomerLimit: number | null;
  paused: boolean;
  createdAt: Date;
  uses: number;
  paidOrders: number;
  discountGivenAmount: number;
  revenueAmount: number;
}

/** Orders whose money the shop took (and may have given some back): the ones that count as revenue. */
const PAID = sql.raw(`('paid', 'partially_fulfilled', 'fulfilled', 'partially_refunded', 'refunded')`);

export async function listAdminDiscounts(db: DbOrTx): Promise<AdminDiscountRow[]> {
  const stats = db
    .select({
      discountCodeId: discountRedemptions.discountCodeId,
      uses: sql<number>`count(*) FILTER (WHERE ${discountRedemptions.releasedAt} IS NULL)::int`.as('uses'),
      paidOrders: sql<number>`count(*) FILTER (WHERE ${orders.status} IN ${PAID})::int`.as('paid_orders'),
      discountGiven: sql<number>`coalesce(sum(${orders.discountAmount}) FILTER (WHERE ${orders.status} IN ${PAID}), 0)::bigint`.as('discount_given'),
      revenue: sql<number>`coalesce(sum(${orders.totalAmount} - ${orders.refundedAmount}) FILTER (WHERE ${orders.status} IN ${PAID}), 0)::bigint`.as('revenue'),
    })
    .from(discountRedemptions)
    .innerJoin(orders, sql`${orders.id} = ${discountRedemptions.orderId}`)
    .groupBy(discountRedemptions.discountCodeId)
    .as('stats');
  const rows = await db
    .select({
      id: discountCodes.id,
      code: discountCodes.code,
      kind: discountCodes.kind,
      value: discountCodes.value,
      currency: discountCodes.currency,
      minSubtotalAmount: discountCodes.minSubtotalAmount,
      startsAt: discountCodes.startsAt,
      endsAt: discountCodes.endsAt,
      usageLimit: discountCodes.usageLimit,
      perCustomerLimit: discountCodes.perCustomerLimit,
      paused: discountCodes.paused,
      createdAt: discountCodes.createdAt,
      uses: sql<number>`coalesce(${stats.uses}, 0)`.mapWith(Number),
      paidOrders: sql<number>`coalesce(${stats.paidOrders}, 0)`.mapWith(Number),
      discountGivenAmount: sql<number>`coalesce(${stats.discountGiven}, 0)`.mapWith(Number),
      revenueAmount: sql<number>`coalesce(${stats.revenue}, 0)`.mapWith(Number),
    })
    .from(discountCodes)
    .leftJoin(stats, sql`${stats.discountCodeId} = ${discountCodes.id}`)
    .orderBy(desc(discountCodes.createdAt), desc(discountCodes.id));
  return rows;
}
