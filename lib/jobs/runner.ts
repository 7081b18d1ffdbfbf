// The in-process job runner: the local stack's and the tests' stand-in for Inngest. It sweeps the outbox every few
// seconds (and at once when kicked after a commit) and runs each schedule once per period — the same definitions and
// schedules Inngest runs, with the relay's retry, backoff and dead state. Safe with many processes: outbox rows are
// claimed with SKIP LOCKED, a schedule's period is claimed by one process only (claim-schedule-period.ts), and within
// one process a sweep never overlaps the previous one. A schedule whose run fills its period (the hold release, which
// waits for each deadline within its minute) has the next period claimed as soon as its run returns. `stop()` drains: no new claims, the job in hand finishes, the
// rest of its batch goes back to the outbox for another process.
import { hostname } from 'node:os';
import type { JobDeps } from './definitions';
import { claimSchedulePeriod } from './claim-schedule-period';
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
  /** Stops claiming anything; resolves once the job and the scheduled runs in hand have finished. */
  stop(): Promise<void>;
}

export const SWEEP_EVERY_MS = 5_000;

/**
 * How often a process tries to claim a schedule's period: four times a period (at most once a minute), so the period
 * is claimed early in it even when this process's timer and the database clock drift apart.
 */
export const claimTickMs = (everyMs: number) => Math.max(10, Math.min(Math.floor(everyMs / 4), 60_000));

export function startJobRunner(
  deps: JobDeps,
  opts: { schedules: readonly Schedule[]; sweepEveryMs?: number /** Recorded with each claimed period (default host:pid). */; name?: string },
): JobRunner {
  const driver = inProcessDriver(deps);
  const name = opts.name ?? `${hostname()}:${process.pid}`;
  let sweeping: Promise<RelaySummary | undefined> | undefined;
  let again = false;
  let stopped = false;

  const sweep = (): void => {
    if (stopped) return;
    if (sweeping) {
      again = true;
      return;
    }
    sweeping = relayOutbox({ db: deps.db, driver }, { shouldStop: () => stopped })
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

  const running = new Map<string, Promise<void>>();
  const stopping = new AbortController();
  const scheduleDeps: JobDeps = { ...deps, stopping: stopping.signal };
  const tick = (schedule: Schedule): void => {
    if (stopped || running.has(schedule.id)) return;
    let ran = false;
    const run = claimSchedulePeriod(deps.db, schedule, name)
      .then(async (won) => {
        // A period won is a period in hand, even when stop() came meanwhile: stop() waits for it (a claim never goes unrun).
        if (won) {
          ran = true;
          await runSchedule(scheduleDeps, { id: schedule.id, run: schedule.runThroughPeriod ?? schedule.run });
        }
      })
      .catch((error: unknown) => log().error({ schedule: schedule.id, error: errorText(error) }, 'jobs: scheduled run failed'))
      .finally(() => {
        running.delete(schedule.id);
        // A run that filled its period ended just past it: claim the next one now, not on the next tick.
        if (ran && schedule.runThroughPeriod) tick(schedule);
      });
    running.set(schedule.id, run);
  };

  const timers = [
    setInterval(sweep, opts.sweepEveryMs ?? SWEEP_EVERY_MS),
    ...opts.schedules.map((schedule) => setInterval(() => tick(schedule), claimTickMs(schedule.everyMs))),
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
      stopping.abort();
      for (const timer of timers) clearInterval(timer);
      await Promise.all([idle(), ...running.values()]);
    },
  };
}
