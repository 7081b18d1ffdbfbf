// GET /api/admin/payments?q=&status=&sort=&dir=&page=&pageSize= – one page of payment attempts with their orders (admin)
import { listAdminPayments } from '@/db/queries/admin-payments';
import { paymentListQuerySchema } from '@/lib/admin/payment-list-query';
import { apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'api/admin/payments', audience: 'admin', sameOrigin: false, query: paymentListQuerySchema }, async ({ query, deps }) =>
  apiJson(await listAdminPayments(deps.db, query)),
);
