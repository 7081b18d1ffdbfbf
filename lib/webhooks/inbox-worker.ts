// The inbox worker: applies stored webhook events (lib/webhooks/inbox.ts) in this process. Woken at once by the route
// after it stored a delivery (`kick`), and sweeping every SWEEP_EVERY_MS for rows another process stored, a crash
// left unapplied, or a failure made due again. `lanes` transactions run side by side, each taking the oldest due row
// with SKIP LOCKED, so lanes and processes never take the same event; a lane stops when nothing is due.
// `stop()` drains: no new rows are taken, the ones in hand finish.
import type { Database } from '../../db/client';
import type { CardVault } from '../cards/card-vault';
import { errorText, log, withLogContext } from '../log';
import type { CommitContext, CommitEffects } from '../payments/commit-payment';
import { applyNextInboxEvent, type InboxApplied } from './inbox';

export const INBOX_SWEEP_EVERY_MS = 2_000;
/**
 * One lane per process: a process applies what it stored in the order it stored it (a dispute's `resolve` that
 * arrived before its `create` is applied first, as the shop heard them). With four lanes two events of one dispute
 * were applied side by side and the later-arrived one could commit first (the disputes test caught it). Processes
 * still apply side by side; the handlers cope with any order, as they must with Paystack's own.
 */
export const INBOX_LANES = 1;

export interface InboxWorker {
  /** Apply what is due now; a pass already running looks again when it runs dry. */
  kick(): void;
  /** Resolves once nothing due is left that this worker could take (tests and benches wait on it). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export interface InboxWorkerDeps {
  db: Database;
  cardVault?: CardVault | null;
  ctx: Omit<CommitContext, 'actor'>;
  /** After an applied event's transaction COMMITTED: its effects (Redis cart, the outbox relay's wake-up). */
  afterApplied?: (applied: InboxApplied & { effects?: CommitEffects | undefined }) => Promise<void> | void;
}

export function startInboxWorker(
  deps: InboxWorkerDeps,
  opts: { lanes?: number; sweepEveryMs?: number; maxAttempts?: number; retryInSeconds?: (attempts: number) => number } = {},
): InboxWorker {
  const lanes = opts.lanes ?? INBOX_LANES;
  let running = 0;
  let stopped = false;
  // Bumped by every kick: a lane that found nothing due leaves only if no kick came since it looked.
  let wakeups = 0;
  let drained: Promise<void> = Promise.resolve();
  let settle: (() => void) | undefined;

  const lane = async (): Promise<void> => {
    while (!stopped) {
      const seen = wakeups;
      let applied: InboxApplied | null;
      try {
        applied = await applyNextInboxEvent({ db: deps.db, cardVault: deps.cardVault }, deps.ctx, opts);
      } catch (error) {
        log().error({ error: errorText(error) }, 'webhook inbox: apply failed');
        return;
      }
      if (applied) {
        if (applied.kind !== 'failed' && deps.afterApplied) {
          try {
            await deps.afterApplied(applied);
          } catch (error) {
            log().warn({ error: errorText(error), eventKey: applied.eventKey }, 'webhook inbox: after-apply step failed');
          }
        }
        continue;
      }
      if (seen === wakeups) return;
    }
  };

  const kick = (): void => {
    wakeups += 1;
    if (stopped) return;
    if (running === 0) drained = new Promise<void>((resolve) => (settle = resolve));
    while (running < lanes) {
      running += 1;
      // Not under the request that kicked it: each event applies under the id of the request that stored it.
      void withLogContext({ requestId: undefined }, lane).finally(() => {
        running -= 1;
        if (running === 0) settle?.();
      });
    }
  };

  const timer = setInterval(kick, opts.sweepEveryMs ?? INBOX_SWEEP_EVERY_MS);
  timer.unref();
  kick();

  const idle = async () => {
    while (running > 0) await drained;
  };
  return {
    kick,
    idle,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await idle();
    },
  };
}
