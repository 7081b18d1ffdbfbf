// Readiness for a load balancer: can this instance serve a checkout right now? It asks the database (`select 1`),
// Redis (PING through the app's Upstash client) and, when Inngest runs the jobs, whether Inngest's event API answers.
// The checks run side by side, each with its own short deadline, so a hung dependency costs one timeout, not a hang.
// Everything it talks to is an argument: tests point it at a closed port or a server that never answers.
// What it reports is deliberately small — a check's name, ok, latency and a one-word reason — never an error's text,
// a URL or a key: the endpoint is public.
import type { Redis } from '@upstash/redis';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import type { JobsDriver } from '@/lib/core/env';

/** Each check's deadline: long enough for a healthy dependency under load, short enough that a probe gets its 503. */
export const READINESS_TIMEOUT_MS = 1_500;
/** What a 503 tells the load balancer (and anyone else) about when to ask again. */
export const READINESS_RETRY_AFTER_SECONDS = 5;

export type CheckName = 'database' | 'redis' | 'jobs';

/**
 * Why a check failed, in one word: it did not answer in time, could not be reached (refused, reset, or answered with
 * an error), answered something a healthy service would not, or (Inngest) has no event key to send with.
 */
export type CheckFailure = 'timeout' | 'unreachable' | 'unexpected reply' | 'not configured';

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  error?: CheckFailure;
}

export interface JobsCheckResult extends CheckResult {
  driver: JobsDriver;
}

/**
 * Where the jobs go. In-process: this server runs them, so there is nothing to reach. Inngest: its event API, or null
 * when the client has nothing to send with (cloud mode without an event key: every dispatch would fail).
 */
export type JobsTarget = { driver: 'in-process' } | { driver: 'inngest'; eventApiUrl: string | null };

/** The part of the Inngest client readiness reads: where its events go and whether it could send them. */
export interface InngestClientView {
  readonly mode: string;
  readonly eventKey: string | undefined;
  readonly eventBaseUrl: string;
}

/** The jobs target for a driver, from the Inngest client the relay sends with (the SDK resolves its own URLs). */
export function jobsTargetFor(driver: JobsDriver, client: InngestClientView): JobsTarget {
  if (driver === 'in-process') return { driver };
  const configured = client.mode === 'dev' || Boolean(client.eventKey);
  return { driver, eventApiUrl: configured ? client.eventBaseUrl : null };
}

export interface ReadinessDeps {
  db: Pick<Database, 'execute'>;
  redis: Pick<Redis, 'ping'>;
  jobs: JobsTarget;
  /** Per check; default READINESS_TIMEOUT_MS. */
  timeoutMs?: number;
  /** For the Inngest check; default the global fetch. */
  fetch?: typeof fetch;
}

export interface Readiness {
  status: 'ok' | 'unavailable';
  /** The checks that failed, in a fixed order; empty when ready. */
  failing: CheckName[];
  checks: { database: CheckResult; redis: CheckResult; jobs: JobsCheckResult };
}

/** Runs every check at once and says which failed. Never throws. */
export async function checkReadiness(deps: ReadinessDeps): Promise<Readiness> {
  const timeoutMs = deps.timeoutMs ?? READINESS_TIMEOUT_MS;
  const [database, redis, jobs] = await Promise.all([
    timed(timeoutMs, async () => {
      await deps.db.execute(sql`select 1`);
      return undefined;
    }),
    timed(timeoutMs, async () => {
      const reply = await deps.redis.ping();
      return reply === 'PONG' ? undefined : 'unexpected reply';
    }),
    checkJobs(deps.jobs, timeoutMs, deps.fetch ?? fetch),
  ]);
  const checks = { database, redis, jobs };
  const failing = (Object.keys(checks) as CheckName[]).filter((name) => !checks[name].ok);
  return { status: failing.length === 0 ? 'ok' : 'unavailable', failing, checks };
}

async function checkJobs(target: JobsTarget, timeoutMs: number, fetchFn: typeof fetch): Promise<JobsCheckResult> {
  if (target.driver === 'in-process') return { driver: target.driver, ok: true, latencyMs: 0 };
  const { eventApiUrl } = target;
  if (eventApiUrl === null) return { driver: target.driver, ok: false, latencyMs: 0, error: 'not configured' };
  // A plain GET of the event API's base: any HTTP answer short of a server error means Inngest is there to take
  // events. No event is sent and no key travels (the key would go in the path of a send).
  const result = await timed(timeoutMs, async (signal) => {
    const response = await fetchFn(eventApiUrl, { method: 'GET', signal, redirect: 'manual', cache: 'no-store' });
    await response.body?.cancel().catch(() => undefined);
    return response.status >= 500 ? 'unexpected reply' : undefined;
  });
  return { driver: target.driver, ...result };
}

/**
 * Runs one probe against a deadline and measures it. The probe resolves with nothing when healthy, or a failure word;
 * a throw is `unreachable` (its text stays here), and past the deadline the answer is `timeout` — the probe's signal is
 * aborted, and a query that cannot be aborted is left to finish on its own, its outcome ignored.
 */
async function timed(timeoutMs: number, probe: (signal: AbortSignal) => Promise<CheckFailure | undefined>): Promise<CheckResult> {
  const startedAt = performance.now();
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<CheckFailure>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve('timeout');
    }, timeoutMs);
  });
  try {
    const outcome = probe(controller.signal).then(
      (failure) => failure,
      (): CheckFailure => 'unreachable',
    );
    const error = await Promise.race([outcome, deadline]);
    const latencyMs = Math.round((performance.now() - startedAt) * 10) / 10;
    return error ? { ok: false, latencyMs, error } : { ok: true, latencyMs };
  } finally {
    clearTimeout(timer);
  }
}
