// GET /api/admin/jobs?q=&status=&event=&sort=&dir=&page=&pageSize= – one page of outbox jobs (admin)
import { listOutboxJobs } from '@/db/queries/admin-jobs';
import { jobListQuerySchema } from '@/lib/admin/job-list-query';
import { apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'api/admin/jobs', audience: 'admin', sameOrigin: false, query: jobListQuerySchema }, async ({ query, deps }) =>
  apiJson(await listOutboxJobs(deps.db, query)),
);
