// The two ways an outbox job leaves the relay. Inngest (production): the event goes to Inngest with the outbox id as
// its event id (Inngest dedupes on it) and Inngest runs the function, step by step, with its own retries. In-process
// (the local stack and the tests, where no Inngest server can run): the same definition's steps run right here.
import type { JobDeps } from './definitions';
import { definitionFor } from './definitions';
import { jobEventSchemas } from './events';
import { type JobDriver, jobEventId } from './relay';

/** The part of the Inngest client the relay uses (so tests can put a fake event endpoint behind it). */
export interface EventSender {
  send(event: { id: string; name: string; data: Record<string, unknown> }): Promise<unknown>;
}

export function inngestDriver(client: EventSender): JobDriver {
  return {
    name: 'inngest',
    async dispatch(job) {
      await client.send({ id: jobEventId(job), name: job.event, data: job.payload as Record<string, unknown> });
      return { kind: 'done' };
    },
  };
}

export function inProcessDriver(deps: JobDeps): JobDriver {
  return {
    name: 'in-process',
    async dispatch(job) {
      const definition = definitionFor(job.event);
      if (!definition) throw new Error(`no job handles ${job.event}`);
      const wait = (definition.delayMs?.(deps) ?? 0) - job.ageMs;
      if (wait > 0) return { kind: 'deferred', forMs: wait };
      const payload = jobEventSchemas[job.event].parse(job.payload);
      for (const step of definition.steps) await step.run(deps, payload as never);
      return { kind: 'done' };
    },
  };
}
