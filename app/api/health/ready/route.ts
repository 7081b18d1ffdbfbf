// GET /api/health/ready – readiness for a load balancer: 200 when the database, Redis and (with Inngest) the job
// driver all answer within their deadline, else 503 naming what failed, with Retry-After. The checks live in
// lib/health/readiness.ts; the database and Redis are the doors' own (lib/server/door-deps.ts).
import { inngest } from '@/inngest/client';
import { jobsDriver } from '@/lib/env';
import { checkReadiness, jobsTargetFor, READINESS_RETRY_AFTER_SECONDS } from '@/lib/health/readiness';
import { apiJson, route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'api/health/ready', audience: 'public', mutates: false }, async ({ deps }) => {
  const { status, failing, checks } = await checkReadiness({ db: deps.db, redis: deps.redis(), jobs: jobsTargetFor(jobsDriver(), inngest) });
  if (status === 'ok') return apiJson({ status, checks });
  return apiJson({ status, failing, checks }, { status: 503, headers: { 'retry-after': String(READINESS_RETRY_AFTER_SECONDS) } });
});
