// GET /api/admin/products?q=&status=&sort=&dir=&page=&pageSize= – one page of products for the admin list (admin)
import { listAdminProducts, productListQuery } from '@/db/queries/admin-products';
import { apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'api/admin/products', audience: 'admin', sameOrigin: false, query: productListQuery }, async ({ query, deps }) =>
  apiJson(await listAdminProducts(deps.db, query)),
);
