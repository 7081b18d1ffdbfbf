// What /api/inngest serves. Outside production: the SDK as configured (a dev server with INNGEST_DEV, or signed calls).
// In production it executes only signed calls: when Inngest runs the jobs, lib/env.ts has refused INNGEST_DEV and
// required INNGEST_SIGNING_KEY, and the client is pinned to cloud mode (inngest/client.ts), so the SDK checks every
// call's signature; with the in-process driver nothing is served at all (404) — that runner takes its jobs from the
// outbox, never from HTTP, and a dev-mode or key-less handler here would be a door nobody watches.
import type { Inngest, InngestFunction } from 'inngest';
import { serve } from 'inngest/next';
import { type Env, jobsDriver } from '@/lib/core/env';

type Handler = ReturnType<typeof serve>['GET'];
type Handlers = { GET: Handler; POST: Handler; PUT: Handler };

const notServed: Handler = async () => new Response(null, { status: 404 });

export function servesInngest(config: Pick<Env, 'NODE_ENV' | 'JOBS_DRIVER' | 'INNGEST_EVENT_KEY' | 'INNGEST_DEV'>): boolean {
  return config.NODE_ENV !== 'production' || jobsDriver(config) === 'inngest';
}

/**
 * The route's handlers, built on the first request (the environment is read then, not when `next build` loads the
 * module) and kept for the process.
 */
export function inngestEndpoint(config: () => Env, client: Inngest, functions: () => InngestFunction.Any[]): Handlers {
  let handlers: Handlers | undefined;
  const current = () => {
    handlers ??= servesInngest(config()) ? serve({ client, functions: functions() }) : { GET: notServed, POST: notServed, PUT: notServed };
    return handlers;
  };
  const forward =
    (method: keyof Handlers): Handler =>
    (...args) =>
      current()[method](...args);
  return { GET: forward('GET'), POST: forward('POST'), PUT: forward('PUT') };
}
