// GET /api/admin/disputes?q=&status=&due=&sort=&dir=&page=&pageSize= – one page of the disputes inbox with their orders (admin)
import { listAdminDisputes } from '@/db/queries/admin-disputes';
import { disputeListQuerySchema } from '@/lib/admin/dispute-list-query';
import { apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'api/admin/disputes', audience: 'admin', sameOrigin: false, query: disputeListQuerySchema }, async ({ query, deps }) =>
  apiJson(await listAdminDisputes(deps.db, query)),
);
