// Gives back stock held by orders whose 15 minutes ran out. Safe to run on many workers at once and alongside a
// payment commit: orders are claimed with FOR UPDATE SKIP LOCKED and only `active` holds move. Before expiring an
// order it asks Paystack whether the shopper paid after all; a paid order is left alone for the webhook (or
// reconciliation) to commit. An order whose payment Paystack reports in progress (a bank transfer or USSD session:
// ongoing, pending, processing, queued) has its hold extended a step at a time instead, up to a bound
// (HOLD_EXTENSION_BOUND_MINUTES past its first deadline); after that it is released like any other.
//
// It works through everything due in batches (a flash sale's abandoned carts all run out in the same minute): each
// batch is one query for the due orders, one for their payment intents, Paystack asked `verifyConcurrency` at a time,
// and one release transaction of a fixed number of statements. It stops when nothing is due or its time budget is
// spent (the next run carries on), so one run never overlaps the next.
//
// When many intents are due (`listFrom` or more), Paystack is first asked for its transaction list over the window in
// which they were created (a few paged calls, listed-statuses.ts) instead of one verify each; only intents the listing
// does not show are verified. The listing is taken after a cutoff read from the database clock, and this pass only
// releases orders whose holds ran out before that cutoff: a payment the listing did not see came after the deadline,
// exactly like one landing between a verify and the release, and takes the late-payment path as before.
import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { inventoryReservations, payments } from '../../db/schema';
import type { PaystackClient } from '../payments/paystack/client';
import { listedStatuses, orderVerdicts } from '../payments/ask-paystack';
import { OPEN_PAYMENT_STATUSES } from '../payments/payment-status';
import { extendInProgressOrders, releaseExpiredOrders } from './release-order';

export interface ReleaseSummary {
  /** Orders whose holds were released and which are now `expired`. */
  expiredOrders: string[];
  /** Orders left alone because Paystack says they were paid. */
  paidOrders: string[];
  /** Orders left alone because Paystack could not be asked; retried on the next run. */
  unverifiedOrders: string[];
  /** Orders whose holds got another step because Paystack reports their payment in progress. */
  extendedOrders: string[];
  /** Only holds that ran out before this instant (database clock) were looked at. */
  cutoff?: Date;
}

export interface ReleaseOptions {
  /** Orders per batch (one release transaction each). */
  batchSize?: number;
  /** Paystack verifications in flight at once. */
  verifyConcurrency?: number;
  /** Stop starting new batches after this long; what is left is due on the next run. */
  timeBudgetMs?: number;
  /** Due intents from which one transaction listing is cheaper than a verify each (0: always list; Infinity: never). */
  listFrom?: number;
}

/** Paystack's and our clocks may disagree by this much: the listing's window is widened by it on both sides. */
const LIST_WINDOW_SLACK_MS = 10 * 60_000;

/**
 * The cutoff (database clock) and, when enough intents are due, Paystack's listing of their creation window, taken
 * after the cutoff was read.
 */
async function takeListing(deps: { db: Database; paystack: PaystackClient }, listFrom: number) {
  const [due] = await deps.db.execute<{ cutoff: string; intents: number; first: string | null; last: string | null }>(sql`
    SELECT now() AS cutoff, count(*)::int AS intents, min(${payments.createdAt}) AS first, max(${payments.createdAt}) AS last
    FROM ${payments}
    WHERE ${payments.authorizationUrl} IS NOT NULL AND ${payments.status} IN ${OPEN_PAYMENT_STATUSES}
      AND ${payments.orderId} IN (SELECT ${inventoryReservations.orderId} FROM ${inventoryReservations}
        WHERE ${inventoryReservations.status} = 'active' AND ${inventoryReservations.reservedUntil} < now())`);
  if (!due) throw new Error('release: the due-intents query answered no row');
  const cutoff = new Date(due.cutoff);
  if (!due.first || !due.last || due.intents < listFrom) return { cutoff, listed: undefined };
  const window = { from: new Date(new Date(due.first).getTime() - LIST_WINDOW_SLACK_MS), to: new Date(new Date(due.last).getTime() + LIST_WINDOW_SLACK_MS) };
  return { cutoff, listed: await listedStatuses(deps.paystack, window) };
}

export async function releaseExpiredReservations(deps: { db: Database; paystack: PaystackClient }, opts: ReleaseOptions = {}): Promise<ReleaseSummary> {
  const { batchSize = 500, verifyConcurrency = 16, timeBudgetMs = 45_000, listFrom = 200 } = opts;
  const summary: ReleaseSummary = { expiredOrders: [], paidOrders: [], unverifiedOrders: [], extendedOrders: [] };
  const stopAt = Date.now() + timeBudgetMs;
  // Each due order is visited once per run, in id order: a paid, unverified or locked one is not looked at again
  // until the next run.
  let after: string | undefined;
  const { cutoff, listed } = await takeListing(deps, listFrom);
  summary.cutoff = cutoff;
  while (Date.now() < stopAt) {
    const due = await deps.db
      .selectDistinct({ orderId: inventoryReservations.orderId })
      .from(inventoryReservations)
      .where(
        and(
          eq(inventoryReservations.status, 'active'),
          lt(inventoryReservations.reservedUntil, cutoff),
          after ? gt(inventoryReservations.orderId, after) : undefined,
        ),
      )
      .orderBy(asc(inventoryReservations.orderId))
      .limit(batchSize);
    const last = due.at(-1);
    if (!last) break;
    after = last.orderId;

    const verdicts = await orderVerdicts(
      deps,
      due.map((row) => row.orderId),
      { concurrency: verifyConcurrency, listed },
    );
    const unpaid: string[] = [];
    const inProgress: string[] = [];
    for (const [orderId, verdict] of verdicts) {
      if (verdict === 'paid') summary.paidOrders.push(orderId);
      else if (verdict === 'unknown') summary.unverifiedOrders.push(orderId);
      else if (verdict === 'in_progress') inProgress.push(orderId);
      else unpaid.push(orderId);
    }
    const extended = await extendInProgressOrders(deps.db, inProgress);
    summary.extendedOrders.push(...extended.orderIds);
    // Past the bound: released as today. Orders a commit holds right now wait for the next run.
    unpaid.push(...extended.locked.filter((orderId) => !extended.orderIds.includes(orderId)));
    const released = await releaseExpiredOrders(deps.db, unpaid);
    summary.expiredOrders.push(...released.orderIds);
    if (due.length < batchSize) break;
  }
  return summary;
}

/** Longest nap between two looks at the next deadline (a deadline can move: extensions, a transfer settling). */
const NAP_CAP_MS = 5_000;

/** Resolves after `ms`, or at once when `signal` aborts. */
function napFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * The scheduled run: release what is due, then sleep until the next hold runs out and release again, until the
 * schedule's period (`periodMs`, by the database clock, as claim-schedule-period.ts counts it) is over. A deadline is
 * met within moments wherever it falls in the minute, while the schedule still runs once per period cluster-wide; the
 * runner claims the next period as soon as this returns (`runThroughPeriod`, lib/jobs/schedules.ts). Holds looked at and left (paid, unverified,
 * locked by a commit) are not waited on again within the period: the next period's run retries them.
 */
export async function releaseThroughPeriod(
  deps: { db: Database; paystack: PaystackClient },
  periodMs: number,
  opts: ReleaseOptions & { /** The runner is stopping: return after the pass in hand. */ signal?: AbortSignal } = {},
): Promise<ReleaseSummary> {
  const sleep = (ms: number) => napFor(ms, opts.signal);
  const [clock] = await deps.db.execute<{ left_ms: number }>(sql`
    SELECT (ceil(extract(epoch FROM now()) * 1000 / ${periodMs}) * ${periodMs} - extract(epoch FROM now()) * 1000)::float8 AS left_ms`);
  // A little past the period's end (database clock), so the claim made as soon as this returns is the next period's.
  const endAt = Date.now() + Number(clock?.left_ms ?? 0) + 20;
  const summary: ReleaseSummary = { expiredOrders: [], paidOrders: [], unverifiedOrders: [], extendedOrders: [] };
  for (;;) {
    const pass = await releaseExpiredReservations(deps, { ...opts, timeBudgetMs: Math.min(opts.timeBudgetMs ?? 45_000, Math.max(1_000, endAt - Date.now())) });
    summary.expiredOrders.push(...pass.expiredOrders);
    summary.paidOrders.push(...pass.paidOrders);
    summary.unverifiedOrders.push(...pass.unverifiedOrders);
    summary.extendedOrders.push(...pass.extendedOrders);
    if (Date.now() >= endAt || opts.signal?.aborted) return summary;
    // The next hold to run out after this pass's cutoff, in milliseconds from now (database clock).
    const [next] = await deps.db.execute<{ in_ms: number | null }>(sql`
      SELECT (extract(epoch FROM min(reserved_until) - now()) * 1000)::float8 AS in_ms FROM ${inventoryReservations}
      WHERE status = 'active' AND reserved_until >= ${(pass.cutoff ?? new Date(0)).toISOString()}::timestamptz`);
    const inMs = next?.in_ms === null || next?.in_ms === undefined ? Number.POSITIVE_INFINITY : Number(next.in_ms);
    await sleep(Math.min(Math.max(inMs, 0) + 5, NAP_CAP_MS, endAt - Date.now()));
    if (Date.now() >= endAt || opts.signal?.aborted) return summary;
  }
}
