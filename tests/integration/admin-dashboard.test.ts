// The dashboard's numbers against the real database: the sales series (every Lagos day present, a day without sales
// is zero, revenue counts paid orders only, on the day they were paid) and the attention counts behind the tiles.
// Other test files write orders at the same time, so each test runs in one REPEATABLE READ transaction that is rolled
// back: it reads the numbers, adds its own rows, reads again, and asserts the difference — no other commit can move
// numbers inside that snapshot, and nothing is left behind.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { Tx } from '@/db/client';
import { attentionCounts, type SalesSeries, salesByDay } from '@/db/queries/admin-dashboard';
import { outbox, webhookEvents } from '@/db/schema';
import { fixtureTag, insertOrders } from '../support/admin-order-fixtures';
import { testDatabase } from '../support/db';

const { db, sql: client } = testDatabase();
afterAll(() => client.end());

class Rollback extends Error {}

/** Runs `fn` in a snapshot that ends in a rollback. */
async function inSnapshot(fn: (tx: Tx) => Promise<void>): Promise<void> {
  await db
    .transaction(
      async (tx) => {
        await fn(tx);
        throw new Rollback();
      },
      { isolationLevel: 'repeatable read' },
    )
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
}

const naira = (series: SalesSeries[]) => series.find((one) => one.currency === 'NGN')!;
const lagosDay = async (tx: Tx, daysAgo: number) =>
  (
    (await tx.execute(sql`SELECT to_char((now() AT TIME ZONE 'Africa/Lagos')::date - ${daysAgo}::int, 'YYYY-MM-DD') AS day`)) as unknown as Array<{
      day: string;
    }>
  )[0]!.day;

describe('salesByDay', () => {
  it('has one point per Lagos day up to the database’s today, for 7, 30 and 90 days', async () => {
    await inSnapshot(async (tx) => {
      const today = await lagosDay(tx, 0);
      for (const range of [7, 30, 90] as const) {
        const days = naira(await salesByDay(tx, range)).days;
        expect(days).toHaveLength(range);
        expect(days.at(-1)!.day).toBe(today);
        expect(days[0]!.day).toBe(await lagosDay(tx, range - 1));
        // Consecutive calendar days, none missing or repeated.
        const gaps = days.slice(1).map((point, index) => (Date.parse(point.day) - Date.parse(days[index]!.day)) / 86_400_000);
        expect(new Set(gaps)).toEqual(new Set([1]));
      }
    });
  });

  it('counts paid orders on the day they were paid; a day without sales is zero; unpaid orders add nothing', async () => {
    await inSnapshot(async (tx) => {
      const before = naira(await salesByDay(tx, 30)).days;
      const tag = fixtureTag('dash');
      const email = (n: number) => `buyer${n}.${tag}@example.test`;
      await insertOrders(tx, [
        // 3 days ago: two paid (one since partly refunded: sales are not net of refunds) and one never paid.
        { email: email(1), status: 'paid', total: 20_000_00, daysAgo: 3 },
        { email: email(2), status: 'partially_refunded', total: 12_500_00, refunded: 2_500_00, daysAgo: 3 },
        { email: email(3), status: 'pending_payment', total: 99_000_00, daysAgo: 3 },
        // 5 days ago: only orders that are not sales.
        { email: email(4), status: 'expired', total: 40_000_00, daysAgo: 5 },
        { email: email(5), status: 'cancelled', total: 40_000_00, daysAgo: 5 },
        { email: email(6), status: 'paid_needs_attention', total: 40_000_00, daysAgo: 5 },
        // 40 days ago: outside a 30-day chart.
        { email: email(7), status: 'paid', total: 7_000_00, daysAgo: 40 },
      ]);
      const after = naira(await salesByDay(tx, 30)).days;
      const change = after.map((point, index) => ({
        day: point.day,
        orders: point.orders - before[index]!.orders,
        revenue: point.revenue - before[index]!.revenue,
      }));
      const threeDaysAgo = await lagosDay(tx, 3);
      expect(change.find((point) => point.day === threeDaysAgo)).toEqual({ day: threeDaysAgo, orders: 2, revenue: 32_500_00 });
      expect(change.filter((point) => point.day !== threeDaysAgo).every((point) => point.orders === 0 && point.revenue === 0)).toBe(true);
      // 60 days back nothing sells in any test: the 90-day series has the day, as a zero.
      const quiet = await lagosDay(tx, 60);
      expect(naira(await salesByDay(tx, 90)).days.find((point) => point.day === quiet)).toEqual({ day: quiet, orders: 0, revenue: 0 });
      const fortyDaysAgo = await lagosDay(tx, 40);
      expect(naira(await salesByDay(tx, 90)).days.find((point) => point.day === fortyDaysAgo)!.revenue).toBeGreaterThanOrEqual(7_000_00);
    });
  });

  it('keeps each currency in its own series', async () => {
    await inSnapshot(async (tx) => {
      const tag = fixtureTag('dash-usd');
      await insertOrders(tx, [{ email: `usd.${tag}@example.test`, status: 'paid', total: 150_00 + 2_500_00, currency: 'USD', daysAgo: 1 }]);
      const series = await salesByDay(tx, 7);
      expect(series[0]!.currency).toBe('NGN');
      const usd = series.find((one) => one.currency === 'USD')!;
      expect(usd.days).toHaveLength(7);
      expect(usd.days.at(-2)!.revenue).toBeGreaterThanOrEqual(2_650_00);
    });
  });
});

describe('attentionCounts', () => {
  it('counts what each tile links to, and each goes up by one for one more thing to do', async () => {
    await inSnapshot(async (tx) => {
      const before = await attentionCounts(tx);
      const tag = fixtureTag('tiles');
      await insertOrders(tx, [
        // A flagged order whose payment needs review.
        { email: `flagged.${tag}@example.test`, status: 'paid_needs_attention', reference: null },
        // A failed refund nothing followed.
        { email: `refund.${tag}@example.test`, status: 'paid', refunds: [{ status: 'failed', amount: 1_000_00 }] },
      ]);
      await tx.execute(sql`
        INSERT INTO payments (order_id, reference, amount, currency, status, expires_at)
        SELECT id, ${`TXN-REVIEW${randomUUID().slice(0, 8)}`}, total_amount, currency, 'needs_review', now() FROM orders WHERE email = ${`flagged.${tag}@example.test`}
      `);
      await tx.insert(webhookEvents).values({ eventKey: `charge.success:${tag}`, type: 'charge.success', payload: {}, status: 'failed', outcome: 'boom' });
      await tx.insert(outbox).values({ event: 'order/paid', payload: {}, dedupeKey: tag, status: 'dead', attempts: 8 });
      const after = await attentionCounts(tx);
      expect(after).toEqual({
        paymentsNeedingReview: before.paymentsNeedingReview + 1,
        ordersNeedingAttention: before.ordersNeedingAttention + 1,
        failedWebhookEvents: before.failedWebhookEvents + 1,
        deadJobs: before.deadJobs + 1,
        refundsNeedingAttention: before.refundsNeedingAttention + 1,
        lowStockVariants: before.lowStockVariants,
        disputesDueSoon: before.disputesDueSoon,
      });
    });
  });
});
