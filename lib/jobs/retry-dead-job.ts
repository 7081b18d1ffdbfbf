// An operator's retry of one dead outbox job: back to pending, due now, with a fresh attempt count and a new
// generation (retryDeadJobs), audited with the admin as actor in the same transaction. Only a dead job can be
// retried; a second click finds it pending (or done) and changes nothing.
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { outbox } from '../../db/schema';
import { type AuditActor, recordAudit } from '../audit/record-audit';
import { retryDeadJobs } from './relay';

type OutboxStatus = (typeof outbox.$inferSelect)['status'];

export type RetryDeadJobOutcome = { ok: true; event: string } | { ok: false; reason: 'not_found' } | { ok: false; reason: 'not_dead'; status: OutboxStatus };

export async function retryDeadJob(db: Database, input: { jobId: string; actor: AuditActor }): Promise<RetryDeadJobOutcome> {
  return db.transaction(async (tx): Promise<RetryDeadJobOutcome> => {
    const [job] = await tx.select().from(outbox).where(eq(outbox.id, input.jobId)).for('update');
    if (!job) return { ok: false, reason: 'not_found' };
    if (job.status !== 'dead' || (await retryDeadJobs(tx, [job.id])) === 0) return { ok: false, reason: 'not_dead', status: job.status };
    await recordAudit(tx, {
      actor: input.actor,
      action: 'outbox_job.retried',
      entityType: 'outbox_job',
      entityId: job.id,
      before: { status: job.status, attempts: job.attempts, generation: job.generation, lastError: job.lastError?.slice(0, 500) ?? null },
      after: { status: 'pending', attempts: 0, generation: job.generation + 1 },
      metadata: { event: job.event },
    });
    return { ok: true, event: job.event };
  });
}
