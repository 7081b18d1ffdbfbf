// GET /api/health/ready – readiness for a load balancer: 200 when the database, Redis and (with Inngest) the job
// driver all answer within their deadline, else 503 naming what failed, with Retry-After. The checks live in
// lib/health/readiness.ts; the database and Redis are the doors' own (lib/server/door-deps.ts).
import { inngest } from '@/lib/jobs/inngest-client';
import { jobsDriver } from '@/lib/core/env';
import { checkReadiness, jobsTargetFor, READINESS_RETRY_AFTER_SECONDS } from '@/lib/health/readiness';
import { apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

// The route is public: a flood of probes must not turn into a flood of queries competing with checkout for the pool.
// One check at a time per process, its answer shared for a second by every caller using the same database and Redis.
const SHARE_MS = 1_000;
let shared: { db: unknown; redis: unknown; at: number; result: ReturnType<typeof checkReadiness> } | undefined;

function readiness(db: Parameters<typeof checkReadiness>[0]['db'], redis: Parameters<typeof checkReadiness>[0]['redis']) {
  const now = Date.now();
  if (shared && shared.db === db && shared.redis === redis && now - shared.at < SHARE_MS) return shared.result;
  const result = checkReadiness({ db, redis, jobs: jobsTargetFor(jobsDriver(), inngest) });
  shared = { db, redis, at: now, result };
  return result;
}

export const GET = route({ name: 'api/health/ready', audience: 'public', sameOrigin: false }, async ({ deps }) => {
  const { status, failing, checks } = await readiness(deps.db, deps.redis());
  if (status === 'ok') return apiJson({ status, checks });
  return apiJson({ status, failing, checks }, { status: 503, headers: { 'retry-after': String(READINESS_RETRY_AFTER_SECONDS) } });
});
