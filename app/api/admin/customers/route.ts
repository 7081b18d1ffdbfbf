// GET /api/admin/customers – the admin customers list, accounts and guests by email: search by name or email, role or guest, sort, page (admin)
import { listCustomersForAdmin } from '@/db/queries/admin-customers';
import { customerListQuerySchema } from '@/lib/admin/customer-list-query';
import { apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'api/admin/customers', audience: 'admin', sameOrigin: false, query: customerListQuerySchema }, async ({ query, deps }) =>
  apiJson(await listCustomersForAdmin(deps.db, query)),
);
