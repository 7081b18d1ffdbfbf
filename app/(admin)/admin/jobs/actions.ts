'use server';
// Retry of a dead background job, through the admin door (role re-read from the database before the input is parsed):
// the row goes back to pending with a fresh attempt count (audited with the admin as actor), then runs now through the
// configured driver (Inngest, or this server's in-process runner). A job that is not dead is left alone.
import { retryJobInputSchema } from '@/lib/admin/job-list-query';
import { AppError } from '@/lib/errors';
import { retryDeadJob } from '@/lib/jobs/retry-dead-job';
import { adminAction } from '@/lib/server/doors/actions';
import { relayJobsNow } from '@/lib/server/deps/jobs';

export type RetryJobActionData = {
  result: 'done' | 'handed_to_inngest' | 'deferred' | 'failed_again' | 'queued';
  message: string;
};

export const retryJobAction = adminAction.inputSchema(retryJobInputSchema).action(async ({ parsedInput, ctx }): Promise<RetryJobActionData> => {
  const retried = await retryDeadJob(ctx.deps.db, { jobId: parsedInput.jobId, actor: { type: 'admin', id: ctx.admin.id } });
  if (!retried.ok) {
    if (retried.reason === 'not_found') throw new AppError('not_found', 'That job does not exist.');
    throw new AppError('changed_since_read', `This job is ${retried.status} now, not dead: there is nothing to retry. Reload to see it.`);
  }
  const { driver, summary: ran } = await relayJobsNow([parsedInput.jobId]);
  if (ran.done > 0) {
    return driver === 'inngest'
      ? { result: 'handed_to_inngest', message: 'Retried: handed to Inngest, which runs it now.' }
      : { result: 'done', message: 'Retried and ran now: the job is done.' };
  }
  if (ran.deferred > 0) return { result: 'deferred', message: 'Retried: the job waits until its delay is over, then runs.' };
  if (ran.retried > 0 || ran.dead > 0)
    return { result: 'failed_again', message: 'Retried, but it failed again: it will be tried again with backoff. See its last error.' };
  return { result: 'queued', message: 'Retried: the job is pending and the job runner will pick it up within seconds.' };
});
