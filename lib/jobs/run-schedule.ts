// Runs one scheduled job and records its run (start, finish, result or error) for the operators' jobs page. Both the
// Inngest cron functions and the in-process runner go through here.
import { sql } from 'drizzle-orm';
import { scheduledRuns } from '../../db/schema';
import type { JobDeps } from './definitions';
import type { Schedule } from './schedules';

export async function runSchedule(deps: JobDeps, schedule: Pick<Schedule, 'id' | 'run'>): Promise<Record<string, number>> {
  await deps.db
    .insert(scheduledRuns)
    .values({ scheduleId: schedule.id, lastStartedAt: sql`now()`, lastStatus: 'running', runs: 1 })
    .onConflictDoUpdate({
      target: scheduledRuns.scheduleId,
      set: { lastStartedAt: sql`now()`, lastStatus: 'running', runs: sql`${scheduledRuns.runs} + 1` },
    });
  try {
    const result = await schedule.run(deps);
    await deps.db
      .update(scheduledRuns)
      .set({ lastFinishedAt: sql`now()`, lastStatus: 'ok', lastError: null, lastResult: result })
      .where(sql`${scheduledRuns.scheduleId} = ${schedule.id}`);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await deps.db
      .update(scheduledRuns)
      .set({ lastFinishedAt: sql`now()`, lastStatus: 'failed', lastError: message.slice(0, 2_000), failures: sql`${scheduledRuns.failures} + 1` })
      .where(sql`${scheduledRuns.scheduleId} = ${schedule.id}`)
      .catch(() => undefined);
    throw error;
  }
}
