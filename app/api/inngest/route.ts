// GET|POST|PUT /api/inngest – Inngest's own protocol (function registry, step execution), signed by INNGEST_SIGNING_KEY
import { serve } from 'inngest/next';
import { inngest } from '@/lib/jobs/inngest-client';
import { createJobFunctions } from '@/inngest/functions';
import { jobDeps } from '@/lib/server/deps/jobs';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT } = serve({ client: inngest, functions: createJobFunctions(inngest, jobDeps) });
