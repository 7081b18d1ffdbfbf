// The admin dashboard's numbers: paid orders and revenue per day (Lagos calendar days by the database's clock, every
// day present — a day without sales is a zero, not a gap), and the attention counts behind the tiles. Each tile's
// count is the total of the list it links to, so the tile and the list never disagree. Callers authorise the admin.
import { count, eq, sql } from 'drizzle-orm';
import { SHOP_TIME_ZONE } from '../../lib/core/format-date';
import type { CurrencyCode } from '../../lib/core/money';
import type { DbOrTx } from '../client';
import { disputes, orders, outbox, payments, webhookEvents } from '../schema';
import { disputeDueSoon } from './admin-disputes';
import { countLowStock } from './admin-inventory';
import { PAID_ORDER_STATUSES, refundNeedsAttention } from './admin-order-list';

export const SALES_RANGES = [7, 30, 90] as const;
export type SalesRange = (typeof SALES_RANGES)[number];

/** The shop's currency (it prices in naira): its series is always there, first, even when nothing sold. */
const SHOP_CURRENCY: CurrencyCode = 'NGN';

export interface SalesDay {
  /** YYYY-MM-DD, a Lagos calendar day. */
  day: string;
  /** Orders paid that day (placed any time). */
  orders: number;
  /** What they cost the customer, in minor units (refunds are not subtracted: this is sales, not net). */
  revenue: number;
}

export interface SalesSeries {
  currency: CurrencyCode;
  days: SalesDay[];
}

/**
 * Paid orders and revenue per Lagos day for the last `range` days, today included: one series for the shop's currency
 * and one for any other currency sold in during the range. Days come from generate_series over the database clock, so the chart's
 * "today" is the database's, not the web server's. An order counts on the day it was paid, if it is paid now
 * (paid, fulfilled, partly or wholly refunded): unpaid, expired, cancelled and flagged payments are not sales.
 */
export async function salesByDay(db: DbOrTx, range: SalesRange): Promise<SalesSeries[]> {
  const rows = await db.execute<{ day: string; currency: CurrencyCode; orders: number; revenue: string }>(sql`
    WITH bounds AS (
      SELECT (now() AT TIME ZONE ${SHOP_TIME_ZONE})::date AS today
    ),
    days AS (
      SELECT generate_series(bounds.today - ${range - 1}::int, bounds.today, interval '1 day')::date AS day FROM bounds
    ),
    sales AS (
      SELECT (o.paid_at AT TIME ZONE ${SHOP_TIME_ZONE})::date AS day, o.currency, count(*)::int AS orders, sum(o.total_amount)::bigint AS revenue
      FROM orders o, bounds
      WHERE o.paid_at >= ((bounds.today - ${range - 1}::int)::timestamp AT TIME ZONE ${SHOP_TIME_ZONE})
        AND o.status IN (${sql.join(
          PAID_ORDER_STATUSES.map((status) => sql`${status}`),
          sql`, `,
        )})
      GROUP BY 1, 2
    ),
    currencies AS (
      SELECT currency FROM sales UNION SELECT ${SHOP_CURRENCY}::char(3)
    )
    SELECT to_char(days.day, 'YYYY-MM-DD') AS day, currencies.currency, coalesce(sales.orders, 0)::int AS orders,
      coalesce(sales.revenue, 0)::bigint AS revenue
    FROM days CROSS JOIN currencies
    LEFT JOIN sales ON sales.day = days.day AND sales.currency = currencies.currency
    ORDER BY currencies.currency, days.day
  `);
  const series = new Map<CurrencyCode, SalesDay[]>();
  for (const row of rows) {
    const days = series.get(row.currency) ?? [];
    days.push({ day: row.day, orders: Number(row.orders), revenue: Number(row.revenue) });
    series.set(row.currency, days);
  }
  // The shop's own currency first, then any other by how much it sold.
  const total = (days: SalesDay[]) => days.reduce((sum, day) => sum + day.revenue, 0);
  return [...series]
    .map(([currency, days]) => ({ currency, days }))
    .sort((a, b) => Number(b.currency === SHOP_CURRENCY) - Number(a.currency === SHOP_CURRENCY) || total(b.days) - total(a.days));
}

export interface AttentionCounts {
  paymentsNeedingReview: number;
  ordersNeedingAttention: number;
  failedWebhookEvents: number;
  deadJobs: number;
  refundsNeedingAttention: number;
  lowStockVariants: number;
  disputesDueSoon: number;
}

/** What needs a person now; every number is the total of the filtered list its tile links to. */
export async function attentionCounts(db: DbOrTx): Promise<AttentionCounts> {
  const countWhere = async (query: Promise<Array<{ n: number }>>) => (await query)[0]?.n ?? 0;
  const [paymentsNeedingReview, ordersNeedingAttention, failedWebhookEvents, deadJobs, refundsNeedingAttention, lowStockVariants, disputesDueSoon] =
    await Promise.all([
      countWhere(db.select({ n: count() }).from(payments).where(eq(payments.status, 'needs_review'))),
      countWhere(db.select({ n: count() }).from(orders).where(eq(orders.status, 'paid_needs_attention'))),
      countWhere(db.select({ n: count() }).from(webhookEvents).where(eq(webhookEvents.status, 'failed'))),
      countWhere(db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'dead'))),
      countWhere(db.select({ n: count() }).from(orders).where(refundNeedsAttention)),
      countLowStock(db),
      countWhere(db.select({ n: count() }).from(disputes).where(disputeDueSoon)),
    ]);
  return { paymentsNeedingReview, ordersNeedingAttention, failedWebhookEvents, deadJobs, refundsNeedingAttention, lowStockVariants, disputesDueSoon };
}
