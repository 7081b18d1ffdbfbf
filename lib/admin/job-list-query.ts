// The jobs page's URL query (page, sort, search by id or dedupe key, state, event), parsed by one schema for the page
// and its JSON route. Framework-free and database-free: the filter bar reads it too.
import { z } from 'zod';
import { jobEventNames } from '../jobs/events';
import { listQuerySchema, urlEnum } from '../core/list-query';
import type { OutboxStatus } from '@/db/schema/outbox';

export type { JobListRow } from '@/db/queries/admin-jobs';

export const JOB_LIST_SORTS = ['created', 'next', 'attempts', 'event', 'status'] as const;
export const JOB_LIST_DEFAULT_SORT = 'created';
export const JOB_LIST_DEFAULT_DIR = 'desc';

export type JobStatus = OutboxStatus;

export const jobStatusLabels: Record<JobStatus, string> = { pending: 'Pending', processing: 'Processing', done: 'Done', dead: 'Dead' };
export const JOB_STATUS_VALUES = Object.keys(jobStatusLabels) as [JobStatus, ...JobStatus[]];
export const JOB_EVENT_VALUES = jobEventNames as [string, ...string[]];

export const jobListQuerySchema = listQuerySchema({
  sorts: JOB_LIST_SORTS,
  defaultSort: JOB_LIST_DEFAULT_SORT,
  defaultDir: JOB_LIST_DEFAULT_DIR,
  filters: { status: urlEnum(JOB_STATUS_VALUES), event: urlEnum(JOB_EVENT_VALUES) },
});

export type JobListQuery = z.output<typeof jobListQuerySchema>;

export const retryJobInputSchema = z.object({ jobId: z.uuid() });
