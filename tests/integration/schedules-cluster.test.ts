// Many app processes, one in-process job runner each: a schedule still runs once per period, counted in the database,
// and a process that goes away leaves no period unrun. A stop is not a kill -9, but a claim holds nothing (no lock, no
// lease, no leader), so a process that dies leaves exactly what a stopped one leaves. The period is shortened for the
// test (the production ones are a minute and more: lib/jobs/schedules.ts); the claim logic does not depend on it.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { outbox, scheduleClaims, scheduledRuns } from '@/db/schema';
import { type JobDriver, relayOutbox } from '@/lib/jobs/relay';
import { type JobRunner, startJobRunner } from '@/lib/jobs/runner';
import type { Schedule } from '@/lib/jobs/schedules';
import { runAloneAmongBackgroundWorkers } from '../support/exclusive';
import { testJobDeps } from '../support/job-deps';
import { waitFor } from '../support/wait';

// The runners below sweep the whole outbox: not while another file counts what its own relay did.
runAloneAmongBackgroundWorkers();
const { db, deps, close } = testJobDeps();
afterAll(close);

const PERIOD_MS = 1_000;

const claimsOf = (scheduleId: string) =>
  db
    .select({ periodStart: scheduleClaims.periodStart, claimedBy: scheduleClaims.claimedBy })
    .from(scheduleClaims)
    .where(eq(scheduleClaims.scheduleId, scheduleId))
    .orderBy(scheduleClaims.periodStart);

describe('schedules on many processes (in-process runner)', () => {
  it('runs each period once across three runners, and keeps every period running after the one that ran last stops', async () => {
    const scheduleId = `test-cluster-${randomUUID().slice(0, 8)}`;
    const ran: Array<{ runner: string; at: number }> = [];
    const scheduleFor = (runner: string): Schedule => ({
      id: scheduleId,
      name: 'cluster test',
      cron: '* * * * *',
      everyMs: PERIOD_MS,
      run: async () => {
        ran.push({ runner, at: Date.now() });
        return {};
      },
    });
    const runners = new Map<string, JobRunner>(
      ['a', 'b', 'c'].map((name) => [name, startJobRunner(deps, { schedules: [scheduleFor(name)], sweepEveryMs: 60_000, name })]),
    );
    try {
      await waitFor('five periods claimed', async () => ((await claimsOf(scheduleId)).length >= 5 ? true : undefined), 15_000);
      const last = (await claimsOf(scheduleId)).at(-1)!;
      await runners.get(last.claimedBy)!.stop();
      runners.delete(last.claimedBy);
      const stoppedAt = Date.now();
      await waitFor(
        'four more periods claimed by the others',
        async () => ((await claimsOf(scheduleId)).filter((claim) => claim.periodStart.getTime() > stoppedAt).length >= 4 ? true : undefined),
        15_000,
      );
      await Promise.all([...runners.values()].map((runner) => runner.stop()));
      runners.clear();

      const claims = await claimsOf(scheduleId);
      const starts = claims.map((claim) => claim.periodStart.getTime());
      // Consecutive periods, none skipped — before the stop, across it (the hand-over) and after it.
      for (const [index, start] of starts.entries()) {
        expect(start % PERIOD_MS).toBe(0);
        if (index > 0) expect(start - starts[index - 1]!).toBe(PERIOD_MS);
      }
      expect(claims.filter((claim) => claim.periodStart.getTime() > stoppedAt).map((claim) => claim.claimedBy)).not.toContain(last.claimedBy);
      // Each claimed period ran exactly once: the runs counted in memory and in scheduled_runs equal the claims.
      expect(ran).toHaveLength(claims.length);
      const [record] = await db.select().from(scheduledRuns).where(eq(scheduledRuns.scheduleId, scheduleId));
      expect(record?.runs).toBe(claims.length);
      // More than one process did the work: no runner owns the schedule.
      expect(new Set(claims.map((claim) => claim.claimedBy)).size).toBeGreaterThan(1);
    } finally {
      await Promise.all([...runners.values()].map((runner) => runner.stop()));
      await db.delete(scheduleClaims).where(eq(scheduleClaims.scheduleId, scheduleId));
      await db.delete(scheduledRuns).where(eq(scheduledRuns.scheduleId, scheduleId));
    }
  }, 60_000);
});

describe('draining a relay (SIGTERM)', () => {
  it('finishes the job in hand, runs no other, and hands the rest of its batch back at once', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 4; n += 1) {
      const [row] = await db
        .insert(outbox)
        .values({ event: 'order/expired-unpaid', payload: { orderId: randomUUID() }, dedupeKey: `drain-${randomUUID()}` })
        .returning({ id: outbox.id });
      ids.push(row!.id);
    }
    let stopping = false;
    let release!: () => void;
    const inHand = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started: string[] = [];
    const driver: JobDriver = {
      name: 'in-process',
      async dispatch(job) {
        started.push(job.id);
        await inHand;
        return { kind: 'done' };
      },
    };
    const pass = relayOutbox({ db, driver }, { ids, events: ['order/expired-unpaid'], shouldStop: () => stopping });
    await waitFor('the first job in hand', () => (started.length === 1 ? true : undefined));
    stopping = true; // the signal arrives while a job runs
    release();
    const summary = await pass;

    expect(started).toHaveLength(1);
    expect(summary).toMatchObject({ claimed: 4, done: 1 });
    const rows = await db.select().from(outbox).where(inArray(outbox.id, ids));
    const done = rows.filter((row) => row.status === 'done');
    expect(done.map((row) => row.id)).toEqual(started);
    const handedBack = rows.filter((row) => row.status === 'pending');
    expect(handedBack).toHaveLength(3);
    for (const row of handedBack) {
      expect(row.attempts).toBe(0); // the claim's attempt given back: nothing failed
      expect(row.lockedUntil).toBeNull();
    }
    // Due now, so another process's next sweep takes them instead of waiting out a lease.
    const due = await db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(inArray(outbox.id, ids), eq(outbox.status, 'pending'), sql`${outbox.nextAttemptAt} <= now()`));
    expect(due).toHaveLength(3);
    await db.delete(outbox).where(inArray(outbox.id, ids));
  });
});
