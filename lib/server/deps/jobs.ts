// Next glue for background jobs: the jobs' dependencies from this process's environment, the in-process runner (the
// default when no Inngest is configured; started once per server by instrumentation.ts) and the wake-up after a
// commit that wrote outbox rows (after the response, so the shopper never waits on an email).
import 'server-only';
import { after } from 'next/server';
import { db } from '@/db';
import { smtpConfigFromEnv, smtpMailer } from '@/lib/email/mailer';
import { env, jobsDriver, paystackMode } from '@/lib/core/env';
import type { JobDeps } from '@/lib/jobs/definitions';
import { inngestDriver, inProcessDriver } from '@/lib/jobs/drivers';
import { type JobDriver, type RelaySummary, relayOutbox } from '@/lib/jobs/relay';
import { type JobRunner, startJobRunner } from '@/lib/jobs/runner';
import { schedules } from '@/lib/jobs/schedules';
import { log } from '@/lib/log';
import { paystackClient } from '@/lib/payments/paystack';
import { redis } from '@/lib/redis';
import { inngest } from '@/lib/jobs/inngest-client';

let deps: JobDeps | undefined;

export function jobDeps(): JobDeps {
  if (!deps) {
    const config = env();
    deps = {
      db,
      redis: redis(),
      paystack: paystackClient(),
      mailer: smtpMailer(smtpConfigFromEnv(config)),
      siteUrl: config.NEXTAUTH_URL,
      orderAccessSecret: config.NEXTAUTH_SECRET,
      expectedDomain: paystackMode(config),
      recoveryDelayMs: config.RECOVERY_EMAIL_DELAY_SECONDS * 1_000,
      log: (line) => log().info(line),
    };
  }
  return deps;
}

const state = globalThis as unknown as { __shopJobRunner?: JobRunner };

/** Starts the in-process runner once per server process, unless Inngest runs the jobs. */
export function startJobsInThisProcess(): void {
  if (jobsDriver() !== 'in-process' || state.__shopJobRunner) return;
  const runner = startJobRunner(jobDeps(), { schedules });
  state.__shopJobRunner = runner;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => drainBeforeExit(runner, signal));
  log().info('jobs: running in this process (no Inngest configured)');
}

/** Longer than a job normally takes; a job still running then is retried by another process once its lease ends. */
const DRAIN_LIMIT_MS = 30_000;

/**
 * On SIGTERM `next start` stops accepting connections, lets in-flight requests finish, then calls process.exit. The
 * runner must stop claiming at once and finish the job in hand before that exit, so the exit waits for the drain
 * (at most DRAIN_LIMIT_MS). Next offers no shutdown hook; wrapping process.exit from the moment the signal arrives is
 * the narrowest way to hold the exit without taking over its HTTP drain (NEXT_MANUAL_SIG_HANDLE would).
 */
function drainBeforeExit(runner: JobRunner, signal: NodeJS.Signals): void {
  log().info({ signal }, 'jobs: stopping (no new claims; finishing the job in hand)');
  const drained = Promise.race([runner.stop(), new Promise<void>((resolve) => setTimeout(resolve, DRAIN_LIMIT_MS).unref())]).then(() =>
    log().info('jobs: stopped'),
  );
  const exit = process.exit.bind(process);
  process.exit = ((code?: number) => {
    void drained.finally(() => exit(code));
  }) as typeof process.exit;
}

/** After the response: hand the new outbox rows to their driver now instead of at the next sweep. */
export function relayAfterResponse(): void {
  try {
    after(async () => {
      if (state.__shopJobRunner) state.__shopJobRunner.kick();
      else if (jobsDriver() === 'inngest') await relayOutbox({ db, driver: inngestDriver(inngest) });
    });
  } catch {
    // Outside a Next request — the fast lane (lib/server/fast-lane), a script, a test: wake this process's runner now
    // if it has one (it claims in the background; the answer does not wait); else the sweep picks the rows up.
    state.__shopJobRunner?.kick();
  }
}

/**
 * Outside a request (the webhook inbox worker after an applied event): wake this process's runner, or hand the new
 * rows to Inngest now.
 */
export function kickJobRunner(): void {
  if (state.__shopJobRunner) state.__shopJobRunner.kick();
  else if (jobsDriver() === 'inngest')
    void relayOutbox({ db, driver: inngestDriver(inngest) }).catch((error: unknown) =>
      log().warn({ error: error instanceof Error ? error.message : String(error) }, 'jobs: relay after a webhook failed; the sweep retries'),
    );
}

/**
 * An operator's "run now": these rows only, through the configured driver — handed to Inngest, or run right here by
 * the same definitions the in-process runner uses. A row the runner's own sweep took first is simply not claimed.
 */
export async function relayJobsNow(ids: readonly string[]): Promise<{ driver: JobDriver['name']; summary: RelaySummary }> {
  const driver = jobsDriver() === 'inngest' ? inngestDriver(inngest) : inProcessDriver(jobDeps());
  return { driver: driver.name, summary: await relayOutbox({ db, driver }, { ids }) };
}
