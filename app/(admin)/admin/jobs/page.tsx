// GET /admin/jobs?q=&status=&event=&sort=&dir=&page=&pageSize= – background jobs: outbox rows by state with attempts and
// last error (a dead one can be retried), the schedule of the crons with their last runs, and which driver runs them
import type { Metadata } from 'next';
import { FilterBar } from '@/components/admin/ops/filter-bar';
import { JobsTable } from './_components/jobs-table';
import { StateTabs } from '@/components/admin/ops/state-tabs';
import { db } from '@/db';
import { listOutboxJobs, outboxCounts, scheduledRunsById } from '@/db/queries/admin-jobs';
import { JOB_EVENT_VALUES, JOB_STATUS_VALUES, jobListQuerySchema, jobStatusLabels } from '@/lib/admin/job-list-query';
import { queryStringOf, type RawSearch } from '@/lib/admin/query-string';
import { jobsDriver } from '@/lib/core/env';
import { formatDateTime } from '@/lib/core/format-date';
import { MAX_ATTEMPTS } from '@/lib/jobs/relay';
import { SWEEP_EVERY_MS } from '@/lib/jobs/runner';
import { schedules } from '@/lib/jobs/schedules';
import { userForPage } from '@/lib/server/doors/auth';
import { TableHead } from '@/components/ui/table-head';

export const metadata: Metadata = { title: 'Jobs', robots: { index: false } };

function every(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 1) return `every ${ms / 1000} seconds`;
  if (minutes === 1) return 'every minute';
  if (minutes < 60) return `every ${minutes} minutes`;
  if (minutes === 60) return 'every hour';
  return minutes === 24 * 60 ? 'every day' : `every ${minutes / 60} hours`;
}

const resultWords = (result: unknown) =>
  result && typeof result === 'object'
    ? Object.entries(result as Record<string, unknown>)
        .map(([key, value]) => `${key} ${String(value)}`)
        .join(' · ')
    : null;

const runTone = { ok: 'text-brand-700', failed: 'text-red-800', running: 'text-amber-900' } as const;

export default async function AdminJobsPage({ searchParams }: { searchParams: Promise<RawSearch> }) {
  const raw = await searchParams;
  const search = queryStringOf(raw);
  await userForPage('admin', search ? `/admin/jobs?${search}` : '/admin/jobs');
  const query = jobListQuerySchema.parse(raw);
  const [list, counts, runs] = await Promise.all([listOutboxJobs(db, query), outboxCounts(db), scheduledRunsById(db)]);
  const driver = jobsDriver();
  const filtered = [query.q, query.status, query.event].some((value) => value !== undefined);

  return (
    <div className="space-y-10">
      <section aria-labelledby="jobs-heading" className="space-y-6">
        <div className="space-y-1">
          <h1 id="jobs-heading" className="text-2xl font-semibold tracking-tight">
            Jobs
          </h1>
          <p className="text-sm text-stone-600" data-testid="jobs-driver">
            {driver === 'inngest'
              ? 'Inngest runs the jobs: the shop hands each outbox row to Inngest, which runs it with its own retries and runs the schedules below as crons.'
              : `This server runs the jobs itself (no Inngest configured): it sweeps the outbox every ${SWEEP_EVERY_MS / 1000} seconds and runs each schedule below on its interval.`}{' '}
            A job that fails is tried again with backoff; after {MAX_ATTEMPTS} attempts it is dead until someone retries it.
          </p>
        </div>
        <StateTabs
          param="status"
          label="Show jobs in state"
          states={JOB_STATUS_VALUES.map((value) => ({ value, label: jobStatusLabels[value], count: counts[value], alarm: value === 'dead' }))}
        />
        <FilterBar
          label="Find jobs"
          fields={[
            { kind: 'text', param: 'q', label: 'Job id or key', placeholder: 'Part of the id, or an order or payment id' },
            { kind: 'select', param: 'event', label: 'Event', anyLabel: 'Any event', options: JOB_EVENT_VALUES.map((value) => ({ value, label: value })) },
          ]}
        />
        <JobsTable
          initialData={list}
          initialSearch={search}
          emptyMessage={filtered ? 'No job matches these filters.' : 'No jobs yet: they are written when an order is paid, a hold expires or stock runs low.'}
        />
      </section>

      <section aria-labelledby="schedules-heading" className="space-y-3">
        <h2 id="schedules-heading" className="text-lg font-semibold">
          Schedules
        </h2>
        <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white">
          <table className="w-full min-w-[48rem] text-left text-sm" data-testid="schedules">
            <TableHead
              className="border-b border-stone-200 bg-stone-50"
              cellClassName="px-4 py-3"
              columns={[{ label: 'Job' }, { label: 'Runs' }, { label: 'Last run' }, { label: 'Result' }, { label: 'Runs / failures', className: 'text-right' }]}
            />
            <tbody className="divide-y divide-stone-100">
              {schedules.map((schedule) => {
                const run = runs.get(schedule.id);
                return (
                  <tr key={schedule.id} className="align-top">
                    <td className="px-4 py-3">
                      {schedule.name}
                      <span className="block font-mono text-xs text-stone-500">{schedule.id}</span>
                    </td>
                    <td className="whitespace-nowrap px-4 py-3">
                      {every(schedule.everyMs)}
                      <span className="block font-mono text-xs text-stone-500">cron {schedule.cron}</span>
                    </td>
                    <td className="whitespace-nowrap px-4 py-3 text-stone-600">
                      {run ? (
                        <>
                          started {formatDateTime(run.lastStartedAt)}
                          <span className="block text-xs text-stone-500">
                            {run.lastFinishedAt ? `finished ${formatDateTime(run.lastFinishedAt)}` : 'not finished'}
                          </span>
                        </>
                      ) : (
                        'Not run yet'
                      )}
                    </td>
                    <td className="px-4 py-3">
                      {run ? (
                        <>
                          <span className={`font-medium ${runTone[run.lastStatus]}`}>
                            {run.lastStatus === 'ok' ? 'OK' : run.lastStatus === 'failed' ? 'Failed' : 'Running'}
                          </span>
                          {run.lastError ? <span className="block max-w-72 break-words text-xs text-red-800">{run.lastError}</span> : null}
                          {run.lastStatus === 'ok' && resultWords(run.lastResult) ? (
                            <span className="block text-xs text-stone-500">{resultWords(run.lastResult)}</span>
                          ) : null}
                        </>
                      ) : (
                        <span className="text-stone-400">—</span>
                      )}
                    </td>
                    <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums">
                      {run ? `${run.runs.toLocaleString('en-NG')} / ${run.failures.toLocaleString('en-NG')}` : '0 / 0'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
