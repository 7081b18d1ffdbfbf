// GET|POST|PUT /api/inngest – Inngest's own protocol (function registry, step execution), signed by INNGEST_SIGNING_KEY;
// in production only signed calls run anything, and with the in-process driver it is a 404 (inngest/endpoint.ts).
import { inngest } from '@/lib/jobs/inngest-client';
import { inngestEndpoint } from '@/inngest/endpoint';
import { createJobFunctions } from '@/inngest/functions';
import { env } from '@/lib/core/env';
import { jobDeps } from '@/lib/server/deps/jobs';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT } = inngestEndpoint(env, inngest, () => createJobFunctions(inngest, jobDeps));
