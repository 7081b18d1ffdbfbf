// GET /api/admin/orders – the admin orders list: search, status, refund state, placed-between, sort, page (admin)
import { listOrdersForAdmin } from '@/db/queries/admin-order-list';
import { orderListQuerySchema } from '@/lib/admin/order-list-query';
import { apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'api/admin/orders', audience: 'admin', sameOrigin: false, query: orderListQuerySchema }, async ({ query, deps }) =>
  apiJson(await listOrdersForAdmin(deps.db, query)),
);
