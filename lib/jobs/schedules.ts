// The jobs that run on a clock rather than on an event. Inngest runs them as cron functions; the in-process runner
// runs the same `run` every `everyMs`. Each is safe to run on many workers at once (rows are claimed with SKIP LOCKED).
import { type ReleaseSummary, releaseExpiredReservations, releaseThroughPeriod } from '../inventory/release-expired-reservations';
import { dropCachedUserCart } from '../cart/drop-cached-user-cart';
import { reconcilePayments } from '../payments/reconcile-payments';
import { checkOpenRefunds } from '../refunds/check-open-refunds';
import { resumeRequestedRefunds } from '../refunds/resume-refunds';
import { pruneWebhookPayloads } from '../webhooks/prune-payloads';
import type { JobDeps } from './definitions';

export interface Schedule {
  /** The Inngest function id, and the key of its last run in scheduled_runs. */
  id: string;
  name: string;
  cron: string;
  everyMs: number;
  run: (deps: JobDeps) => Promise<Record<string, number>>;
  /**
   * What the in-process runner runs instead of `run`, when given: a run that lasts until its period ends, waking for
   * work that falls due within it (the hold release wakes at each hold deadline). The runner claims the next period as
   * soon as it returns, and stops it early on shutdown (`deps.stopping`). Inngest's cron runs `run`, one pass.
   */
  runThroughPeriod?: (deps: JobDeps) => Promise<Record<string, number>>;
}

const releaseCounts = (released: ReleaseSummary) => ({
  expired: released.expiredOrders.length,
  paid: released.paidOrders.length,
  unverified: released.unverifiedOrders.length,
  extended: released.extendedOrders.length,
});

export const schedules: readonly Schedule[] = [
  {
    id: 'release-expired-reservations',
    name: 'Release expired reservations',
    cron: '* * * * *',
    everyMs: 60_000,
    run: async (deps) => {
      const released = await releaseExpiredReservations({ db: deps.db, paystack: deps.paystack });
      if (released.expiredOrders.length > 0) deps.log(`jobs: released the holds of ${released.expiredOrders.length} expired order(s)`);
      return releaseCounts(released);
    },
    // Still once a minute cluster-wide, but the run wakes at every hold deadline within its minute.
    runThroughPeriod: async (deps) => {
      const released = await releaseThroughPeriod({ db: deps.db, paystack: deps.paystack }, 60_000, { signal: deps.stopping });
      if (released.expiredOrders.length > 0) deps.log(`jobs: released the holds of ${released.expiredOrders.length} expired order(s)`);
      return releaseCounts(released);
    },
  },
  {
    id: 'reconcile-payments',
    name: 'Reconcile unconfirmed payments with Paystack',
    cron: '*/5 * * * *',
    everyMs: 5 * 60_000,
    run: async (deps) => {
      const reconciled = await reconcilePayments({ db: deps.db, paystack: deps.paystack, expectedDomain: deps.expectedDomain });
      for (const effects of reconciled.paid) {
        deps.log(`jobs: reconciliation found order ${effects.orderId} paid (its webhook never arrived)`);
        if (deps.redis) await dropCachedUserCart(deps.redis, effects.userId);
      }
      return {
        paid: reconciled.paid.length,
        closed: reconciled.closed.length,
        unverified: reconciled.unverified.length,
        rechecked: reconciled.rechecked.length,
      };
    },
  },
  {
    id: 'reconcile-refunds',
    name: 'Resume refunds Paystack never answered; ask about accepted refunds it has been silent on for an hour',
    cron: '*/5 * * * *',
    everyMs: 5 * 60_000,
    run: async (deps) => {
      const resumed = await resumeRequestedRefunds({ db: deps.db, paystack: deps.paystack });
      if (resumed.accepted + resumed.rejected > 0) {
        deps.log(`jobs: ${resumed.accepted} unanswered refund(s) confirmed, ${resumed.rejected} refused by Paystack`);
      }
      const checked = await checkOpenRefunds({ db: deps.db, paystack: deps.paystack, log: deps.log });
      if (checked.settled > 0) deps.log(`jobs: ${checked.settled} refund(s) moved on by asking Paystack (their webhooks never arrived)`);
      return { ...resumed, settled: checked.settled, unchanged: checked.unchanged, unreachable: checked.unreachable };
    },
  },
  {
    id: 'prune-webhook-payloads',
    name: 'Drop the bodies of settled webhook events older than 180 days',
    cron: '17 3 * * *',
    everyMs: 24 * 60 * 60_000,
    run: async (deps) => ({ pruned: await pruneWebhookPayloads(deps.db) }),
  },
];
