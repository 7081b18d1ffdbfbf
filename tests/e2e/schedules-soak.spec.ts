// Over three minutes, each schedule runs once per period across a cluster, not once per process: two production
// processes of their own behind a front of their own (tests/support/two-process-pool.ts), with the test stack's app and
// whichever other pool is up all ticking on one database, counted in `schedule_claims` and `scheduled_runs`.
// The soak is three minutes of waiting, so it is a Playwright project of its own (playwright.config.ts) that runs beside
// the browser specs instead of after them: its processes idle but for their ticks, and they send the links in any email
// they happen to send with the test stack's own NEXTAUTH_URL, as its app would.
import path from 'node:path';
import { and, sql as dsql } from 'drizzle-orm';
import { scheduleClaims } from '../../db/schema';
import { schedules } from '../../lib/jobs/schedules';
import type { AppPool } from '../../scripts/stack/app-pool';
import { appUrl } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';
import { testDatabase } from '../support/db';
import { startTwoProcessPool } from '../support/two-process-pool';
import { waitFor } from '../support/wait';
import { expect, test } from './fixtures';

const { db, sql } = testDatabase(2);
let pool: AppPool;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  pool = await startTwoProcessPool({
    name: 'schedules-soak',
    // Clear of the test stack's front (+0) and two-processes.spec's pool (+50), each with its processes just above.
    port: profiles.test.ports.app + 70,
    logFile: path.join(profiles.test.dataDir, 'schedules-soak', 'app.log'),
    env: { NEXTAUTH_URL: appUrl(profiles.test) },
  });
});

test.afterAll(async () => {
  await pool?.stop();
  await sql.end();
});

interface ScheduleSnapshot {
  at: Date;
  runs: Map<string, number>;
  claims: Set<string>;
}

/**
 * The schedules' run counters and claimed periods, read in one statement at a moment no claim is in flight: a process
 * counts its run right after its claim (lib/jobs/runner.ts), so once the newest claim is 5 s old its run is counted.
 * (Claims come at a period's start once the processes tick in step, but anywhere in it just after they start.)
 */
async function scheduleSnapshot(): Promise<ScheduleSnapshot> {
  const row = await waitFor(
    'a moment with no claim in the last 5 s',
    async () => {
      const [candidate] = await sql<Array<{ at: Date; settled: boolean; runs: Array<{ id: string; runs: number }> | null; claims: string[] | null }>>`
        SELECT now() AS at,
          NOT EXISTS (SELECT 1 FROM schedule_claims WHERE claimed_at > now() - interval '5 seconds') AS settled,
          (SELECT json_agg(json_build_object('id', schedule_id, 'runs', runs)) FROM scheduled_runs) AS runs,
          (SELECT json_agg(schedule_id || '@' || period_start::text) FROM schedule_claims) AS claims`;
      return candidate?.settled ? candidate : undefined;
    },
    60_000,
  );
  return {
    at: row.at,
    runs: new Map((row.runs ?? []).map((entry) => [entry.id, entry.runs])),
    claims: new Set(row.claims ?? []),
  };
}

test('over 3 minutes each schedule ran once per period across the cluster, not once per process', async () => {
  test.setTimeout(300_000);
  const start = await scheduleSnapshot();
  // Three minutes after the first snapshot, again with no claim in flight: at least three minute periods began.
  await waitFor(
    '3 minutes of the pool running',
    async () => {
      const [row] = await sql<Array<{ elapsed: number }>>`SELECT extract(epoch FROM now() - ${start.at}::timestamptz)::float AS elapsed`;
      return row!.elapsed >= 180 ? true : undefined;
    },
    240_000,
  );
  const end = await scheduleSnapshot();

  const newClaims = await db
    .select({ scheduleId: scheduleClaims.scheduleId, periodStart: scheduleClaims.periodStart, claimedBy: scheduleClaims.claimedBy })
    .from(scheduleClaims)
    .where(and(dsql`${scheduleClaims.claimedAt} > ${start.at}`, dsql`${scheduleClaims.claimedAt} <= ${end.at}`))
    .orderBy(scheduleClaims.scheduleId, scheduleClaims.periodStart);
  const report: Record<string, { periods: number; runs: number; by: string[] }> = {};
  for (const schedule of schedules) {
    const claims = newClaims.filter((claim) => claim.scheduleId === schedule.id);
    // The same periods by both reads (no claim in flight at either snapshot).
    expect(claims.length).toBe([...end.claims].filter((key) => key.startsWith(`${schedule.id}@`) && !start.claims.has(key)).length);
    const runs = (end.runs.get(schedule.id) ?? 0) - (start.runs.get(schedule.id) ?? 0);
    // One run per claimed period: three processes each running it would count three.
    expect({ schedule: schedule.id, runs }).toEqual({ schedule: schedule.id, runs: claims.length });
    // Consecutive periods, none twice.
    const starts = claims.map((claim) => claim.periodStart.getTime());
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBe(schedule.everyMs);
    report[schedule.id] = { periods: claims.length, runs, by: [...new Set(claims.map((claim) => claim.claimedBy))] };
  }
  const everyMinute = schedules.filter((schedule) => schedule.everyMs === 60_000);
  expect(everyMinute.length).toBeGreaterThan(0);
  for (const schedule of everyMinute) expect(report[schedule.id]!.periods).toBeGreaterThanOrEqual(3);
  test.info().annotations.push({ type: 'schedules', description: JSON.stringify(report) });
});
