// The Inngest functions: one per job definition (lib/jobs/definitions.ts) and one per schedule, plus the outbox sweep.
// Thin on purpose: each step.run is one call into lib/, so Inngest and the in-process runner run the same code.
// After its retries a function's onFailure marks the outbox row dead, where operators see and retry it.
import type { Inngest } from 'inngest';
import { type DefinedJobEvent, definedJobEvents, definitionFor, type JobDeps } from '@/lib/jobs/definitions';
import { inngestDriver } from '@/lib/jobs/drivers';
import { jobMetaOf } from '@/lib/jobs/events';
import { markJobDead, relayOutbox } from '@/lib/jobs/relay';
import { runSchedule } from '@/lib/jobs/run-schedule';
import { schedules } from '@/lib/jobs/schedules';
import { withLogContext } from '@/lib/log';
import { jobEventType } from './events';

/** Inngest retries a failed step this many times before onFailure. */
export const JOB_RETRIES = 5;

export const OUTBOX_SWEEP = { id: 'relay-outbox', cron: '* * * * *' } as const;

function jobFunction(client: Inngest, event: DefinedJobEvent, deps: () => JobDeps) {
  const definition = definitionFor(event);
  const trigger = jobEventType(event);
  if (!definition || !trigger) throw new Error(`no job definition or event type for ${event}`);
  return client.createFunction(
    {
      id: definition.id,
      name: definition.name,
      triggers: [trigger],
      retries: JOB_RETRIES,
      onFailure: async ({ event: failure, error }) => {
        await markJobDead(deps().db, failure.data.event.id ?? '', error.message);
      },
    },
    // Under the id of the request that queued the job (lib/jobs/events.ts `_meta`), as the in-process relay runs it.
    async ({ event: received, step }) =>
      withLogContext({ requestId: jobMetaOf(received.data).requestId }, async () => {
        const jobDeps = deps();
        const delayMs = definition.delayMs?.(jobDeps) ?? 0;
        if (delayMs > 0) await step.sleep('wait-before-sending', delayMs);
        const results: Record<string, unknown> = {};
        for (const jobStep of definition.steps) results[jobStep.id] = await step.run(jobStep.id, () => jobStep.run(jobDeps, received.data as never));
        return results;
      }),
  );
}

export function createJobFunctions(client: Inngest, deps: () => JobDeps) {
  return [
    ...definedJobEvents.map((event) => jobFunction(client, event, deps)),
    ...schedules.map((schedule) =>
      client.createFunction({ id: schedule.id, name: schedule.name, triggers: [{ cron: schedule.cron }], retries: 2 }, async ({ step }) =>
        step.run(schedule.id, () => runSchedule(deps(), schedule)),
      ),
    ),
    client.createFunction({ id: OUTBOX_SWEEP.id, name: 'Relay the outbox to Inngest', triggers: [{ cron: OUTBOX_SWEEP.cron }], retries: 2 }, async ({ step }) =>
      step.run('relay-outbox', () =>
        runSchedule(deps(), {
          id: OUTBOX_SWEEP.id,
          run: async (jobDeps) => ({ ...(await relayOutbox({ db: jobDeps.db, driver: inngestDriver(client) })) }),
        }),
      ),
    ),
  ];
}
