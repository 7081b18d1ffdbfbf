// GET /api/orders/:id – one order for its signed-in owner, or a guest order with its signed `?token=`; 404 otherwise
import { z } from 'zod';
import { orderForViewer } from '@/lib/server/doors/order-access';
import { orderJson } from '@/lib/server/doors/replies';
import { apiError, apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const GET = route(
  { name: 'api/orders/:id', audience: 'public', sameOrigin: false, params: z.object({ id: z.string() }), query: z.object({ token: z.string().optional() }) },
  async ({ params, query }) => {
    const found = await orderForViewer(params.id, { token: query.token ?? null });
    // The same answer for "no such order" and "not yours": an order id alone reveals nothing.
    return found ? apiJson(orderJson(found.order)) : apiError('order_not_found');
  },
);
