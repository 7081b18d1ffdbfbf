// Exactly one run per schedule and period, cluster-wide, for the in-process runner: every process ticks, and the first
// to insert the (schedule, period) row runs it; the others' inserts do nothing. The period comes from the database
// clock, so processes whose clocks disagree still agree on it. No leader to elect or lose: a process that dies simply
// stops ticking, and the next period goes to whichever process ticks first (a run it died in the middle of is not
// retried within that period; the jobs are idempotent and the next period's run picks up its work).
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { scheduleClaims } from '../../db/schema';

/** Claims are kept a week for the operators' view, then dropped by the run that claims a newer period. */
const KEEP_CLAIMS = '7 days';

/** True when this caller won the schedule's current period and must run it now. */
export async function claimSchedulePeriod(db: DbOrTx, schedule: { id: string; everyMs: number }, claimedBy: string): Promise<boolean> {
  const period = sql`to_timestamp(floor(extract(epoch FROM now()) * 1000 / ${schedule.everyMs}) * ${schedule.everyMs} / 1000.0)`;
  const won = await db.execute<{ period_start: string }>(sql`
    INSERT INTO ${scheduleClaims} (schedule_id, period_start, claimed_by) VALUES (${schedule.id}, ${period}, ${claimedBy})
    ON CONFLICT DO NOTHING
    RETURNING period_start`);
  if (won.length === 0) return false;
  await db.execute(sql`DELETE FROM ${scheduleClaims} WHERE schedule_id = ${schedule.id} AND period_start < now() - ${KEEP_CLAIMS}::interval`);
  return true;
}
