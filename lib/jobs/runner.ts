// The in-process job runner: the local stack's and the tests' stand-in for Inngest. It sweeps the outbox every few
// seconds (and at once when kicked after a commit) and runs each schedule on its interval — the same definitions and
// schedules Inngest runs, with the relay's retry, backoff and dead state. Safe with several processes: rows are
// claimed with SKIP LOCKED, and within one process a sweep never overlaps the previous one.
import type { JobDeps } from './definitions';
import { inProcessDriver } from './drivers';
import { type RelaySummary, relayOutbox } from './relay';
import { runSchedule } from './run-schedule';
import type { Schedule } from './schedules';
import { errorText, log } from '../log';

export interface JobRunner {
  /** Sweep now (after a commit that wrote outbox rows); a sweep already running sweeps once more when it ends. */
  kick(): void;
  /** Resolves when the sweep that was running or queued has finished (tests wait on it). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export const SWEEP_EVERY_MS = 5_000;

export function startJobRunner(deps: JobDeps, opts: { schedules: readonly Schedule[]; sweepEveryMs?: number }): JobRunner {
  const driver = inProcessDriver(deps);
  let sweeping: Promise<RelaySummary | undefined> | undefined;
  let again = false;
  let stopped = false;

  const sweep = (): void => {
    if (stopped) return;
    if (sweeping) {
      again = true;
      return;
    }
    sweeping = relayOutbox({ db: deps.db, driver })
      .catch((error: unknown) => {
        log().error({ error: errorText(error) }, 'jobs: outbox sweep failed');
        return undefined;
      })
      .finally(() => {
        sweeping = undefined;
        if (again) {
          again = false;
          sweep();
        }
      });
  };

  const running = new Set<string>();
  const timers = [
    setInterval(sweep, opts.sweepEveryMs ?? SWEEP_EVERY_MS),
    ...opts.schedules.map((schedule) =>
      setInterval(() => {
        if (stopped || running.has(schedule.id)) return;
        running.add(schedule.id);
        runSchedule(deps, schedule)
          .catch((error: unknown) => log().error({ schedule: schedule.id, error: errorText(error) }, 'jobs: scheduled run failed'))
          .finally(() => running.delete(schedule.id));
      }, schedule.everyMs),
    ),
  ];
  for (const timer of timers) timer.unref();
  sweep();

  const idle = async () => {
    while (sweeping) await sweeping;
  };
  return {
    kick: sweep,
    idle,
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await idle();
    },
  };
}
