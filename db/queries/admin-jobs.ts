// Background-job reads for the admin console: outbox rows by state and event (searchable by id or dedupe key), how
// many rows are in each state, and the last run of each scheduled job. Callers authorise the admin first.
import { and, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { OutboxStatus } from '../schema/outbox';
import { type ListPage, type ListPaging, listPage } from '../../lib/core/list-query';
import type { DbOrTx } from '../client';
import { outbox, scheduledRuns } from '../schema';
import { iso, likeContaining, sortBy } from './admin-ops-sql';

/** What this read takes from the list's URL query (parsed by lib/admin/job-list-query.ts; its output must fit). */
export interface JobListParams extends ListPaging<'created' | 'next' | 'attempts' | 'event' | 'status'> {
  status?: OutboxStatus | undefined;
  event?: string | undefined;
}

export interface JobListRow {
  id: string;
  event: string;
  status: OutboxStatus;
  attempts: number;
  /** Operator retries so far. */
  generation: number;
  payload: unknown;
  /** The order the job is about, when its payload names one. */
  orderId: string | null;
  lastError: string | null;
  nextAttemptAt: string;
  createdAt: string;
  processedAt: string | null;
}

const sortColumns = {
  created: outbox.createdAt,
  next: outbox.nextAttemptAt,
  attempts: outbox.attempts,
  event: outbox.event,
  status: sql`${outbox.status}::text`,
} as const;

export async function listOutboxJobs(db: DbOrTx, query: JobListParams): Promise<ListPage<JobListRow>> {
  const conditions: SQL[] = [];
  if (query.q) conditions.push(or(ilike(sql`${outbox.id}::text`, likeContaining(query.q)), ilike(outbox.dedupeKey, likeContaining(query.q))) as SQL);
  if (query.status) conditions.push(eq(outbox.status, query.status));
  if (query.event) conditions.push(eq(outbox.event, query.event));
  const where = conditions.length > 0 ? and(...conditions) : undefined;

  const [counted] = await db.select({ total: count() }).from(outbox).where(where);
  const rows = await db
    .select({
      id: outbox.id,
      event: outbox.event,
      status: outbox.status,
      attempts: outbox.attempts,
      generation: outbox.generation,
      payload: outbox.payload,
      orderId: sql<string | null>`${outbox.payload} ->> 'orderId'`,
      lastError: outbox.lastError,
      nextAttemptAt: outbox.nextAttemptAt,
      createdAt: outbox.createdAt,
      processedAt: outbox.processedAt,
    })
    .from(outbox)
    .where(where)
    .orderBy(...sortBy(sortColumns[query.sort], query.dir, outbox.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return listPage(
    rows.map((row) => ({
      ...row,
      nextAttemptAt: row.nextAttemptAt.toISOString(),
      createdAt: row.createdAt.toISOString(),
      processedAt: iso(row.processedAt),
    })),
    counted?.total ?? 0,
    query,
  );
}

/** How many outbox rows are in each state (every state present, zero when empty). */
export async function outboxCounts(db: DbOrTx): Promise<Record<OutboxStatus, number>> {
  const rows = await db.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status);
  const counts: Record<OutboxStatus, number> = { pending: 0, processing: 0, done: 0, dead: 0 };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

export type ScheduledRun = typeof scheduledRuns.$inferSelect;

/** The last run of every scheduled job that has run at least once, by schedule id. */
export async function scheduledRunsById(db: DbOrTx): Promise<Map<string, ScheduledRun>> {
  const rows = await db.select().from(scheduledRuns);
  return new Map(rows.map((row) => [row.scheduleId, row]));
}
