// GET /api/admin/inventory?q=&filter=low-stock&sort=&dir=&page=&pageSize= – one page of variants with their stock (admin)
import { inventoryListQuery, listInventory } from '@/db/queries/admin-inventory';
import { apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'api/admin/inventory', audience: 'admin', sameOrigin: false, query: inventoryListQuery }, async ({ query, deps }) =>
  apiJson(await listInventory(deps.db, query)),
);
